using Micro.Templates.Syntax;
using Scriban;
using Scriban.Syntax;

namespace Micro.Templates.Runtime;

/// <summary>
/// A whole Jinja expression as one Scriban node: it evaluates the Jinja tree with <see cref="ExprEvaluator"/> in the
/// render's current frame (<see cref="RenderContext.Frame"/>), with autoescape set as it is where the expression was
/// written, and reports runtime errors at the expression's Jinja position.
/// </summary>
internal sealed class JinjaExprNode : ScriptExpression
{
    private readonly Expr _expr;
    private readonly string _template;
    private readonly bool _autoescape;

    public JinjaExprNode(Expr expr, string template, bool autoescape)
    {
        _expr = expr;
        _template = template;
        _autoescape = autoescape;
        Span = JinjaSpan.At(template, expr.Pos);
    }

    /// <summary>What <see cref="EvaluateMapped"/> does with the value.</summary>
    public enum Kind
    {
        /// <summary>Returns the value.</summary>
        Value,
        /// <summary>Writes the value to the output, escaped unless markup; returns null.</summary>
        WriteEscaped,
        /// <summary>Writes the value's text to the output unescaped; returns null.</summary>
        WriteRaw,
    }

    /// <summary>The Jinja expression.</summary>
    public Expr Expression => _expr;

    /// <inheritdoc/>
    public override object? Evaluate(TemplateContext context) => Value((RenderContext)context);

    /// <summary>The expression's value in the current frame.</summary>
    public object? Value(RenderContext c) => EvaluateMapped(c, c.Frame, _expr, _template, Kind.Value, _autoescape);

    /// <summary>The expression's truthiness in the current frame (no boxed result: an <c>if</c> allocates nothing for its test).</summary>
    public bool Truth(RenderContext c)
    {
        var outer = c.MarkupConcat;
        c.MarkupConcat = _autoescape;
        try
        {
            return PyOps.Truthy(ExprEvaluator.Eval(c, c.Frame, _expr, 0));
        }
        catch (Exception e) when (JinjaSpan.NeedsPosition(e))
        {
            throw JinjaSpan.Position(e, _template, _expr.Pos, c.ErrorPos);
        }
        finally
        {
            c.ErrorPos = null;
            c.MarkupConcat = outer;
        }
    }

    /// <summary>
    /// Evaluates <paramref name="expr"/> with <see cref="RenderContext.MarkupConcat"/> set as it is where the
    /// expression was written, and turns runtime errors into positioned <see cref="TemplateException"/>s.
    /// </summary>
    public static object? EvaluateMapped(RenderContext c, Frame f, Expr expr, string template, Kind mode, bool autoescape)
    {
        var outer = c.MarkupConcat;
        c.MarkupConcat = autoescape;
        try
        {
            var v = ExprEvaluator.Eval(c, f, expr, 0);
            switch (mode)
            {
                case Kind.Value:
                    return v;
                default:
                    c.WriteValue(v, mode == Kind.WriteEscaped);
                    return null;
            }
        }
        catch (Exception e) when (JinjaSpan.NeedsPosition(e))
        {
            throw JinjaSpan.Position(e, template, expr.Pos, c.ErrorPos);
        }
        finally
        {
            c.ErrorPos = null;
            c.MarkupConcat = outer;
        }
    }

    /// <inheritdoc/>
    public override int ChildrenCount => 0;

    /// <inheritdoc/>
    protected override ScriptNode GetChildrenImpl(int index) => throw new ArgumentOutOfRangeException(nameof(index));

    /// <inheritdoc/>
    public override void Accept(ScriptVisitor visitor)
    {
    }

    /// <inheritdoc/>
    public override TResult Accept<TResult>(ScriptVisitor<TResult> visitor) => default!;

    /// <inheritdoc/>
    public override void PrintTo(ScriptPrinter printer) => printer.Write("{{ jinja expression }}");
}
