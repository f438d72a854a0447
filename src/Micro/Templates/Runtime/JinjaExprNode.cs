using Micro.Templates.Syntax;
using Scriban;
using Scriban.Syntax;

namespace Micro.Templates.Runtime;

/// <summary>
/// A whole Jinja expression as one Scriban node: evaluates the frame expression (<c>$f1</c>), then the
/// Jinja tree with <see cref="ExprEvaluator"/>. <see cref="Mode"/> fuses what the statement needs:
/// the value, its autoescaped or raw text for output, or its truthiness for <c>if</c>.
/// </summary>
internal sealed class JinjaExprNode(Expr expr, string template, ScriptExpression frame, JinjaExprNode.Kind mode, bool autoescape) : ScriptExpression
{
    /// <summary>What the node returns.</summary>
    public enum Kind
    {
        /// <summary>The value.</summary>
        Value,
        /// <summary>Markup: the value escaped unless already markup.</summary>
        Escaped,
        /// <summary>Markup: the value's text unescaped (autoescape off).</summary>
        Raw,
        /// <summary>The value's truthiness.</summary>
        Truth,
        /// <summary>The value's truthiness, after checking the stack (every few branches of a long elif chain, which Scriban nests).</summary>
        CheckedTruth,
        /// <summary>Writes the value to the output, escaped unless markup; returns null.</summary>
        WriteEscaped,
        /// <summary>Writes the value's text to the output unescaped; returns null.</summary>
        WriteRaw,
    }

    /// <summary>What the node returns.</summary>
    public Kind Mode { get; } = mode;

    /// <inheritdoc/>
    public override object? Evaluate(TemplateContext context) =>
        EvaluateMapped((RenderContext)context, (Frame)context.Evaluate(frame)!, expr, template, Mode, autoescape);

    /// <summary>
    /// Evaluates <paramref name="expr"/> with <see cref="RenderContext.Autoescape"/> set as it is where the
    /// expression was written, and turns runtime errors into positioned <see cref="TemplateException"/>s.
    /// </summary>
    public static object? EvaluateMapped(RenderContext c, Frame f, Expr expr, string template, Kind mode, bool autoescape)
    {
        var outer = c.Autoescape;
        c.Autoescape = autoescape;
        try
        {
            if (mode == Kind.CheckedTruth)
            {
                StackGuard.Ensure("the template");
            }

            var v = ExprEvaluator.Eval(c, f, expr, 0);
            return mode switch
            {
                Kind.Value => v,
                Kind.Escaped => PyOps.AsMarkup(v) ?? new Markup(Markup.EscapeText(PyOps.Str(v))),
                Kind.Raw => PyOps.AsMarkup(v) ?? new Markup(PyOps.Str(v)),
                Kind.Truth or Kind.CheckedTruth => PyOps.Truthy(v),
                _ => Write(c, v, mode == Kind.WriteEscaped),
            };
        }
        catch (JinjaRuntimeException e)
        {
            var pos = c.ErrorPos ?? expr.Pos;
            throw new TemplateException(e.Message, template, pos.Line, pos.Column, e.InnerException);
        }
        catch (TemplateException e) when (e.Line == 0)
        {
            var pos = c.ErrorPos ?? expr.Pos;
            throw new TemplateException(e.Reason, template, pos.Line, pos.Column, e.InnerException) { SearchedFolders = e.SearchedFolders };
        }
        catch (Exception e) when (e is not TemplateException and not Scriban.Syntax.ScriptRuntimeException and not OperationCanceledException)
        {
            var pos = c.ErrorPos ?? expr.Pos;
            throw new TemplateException(StackGuard.Describe(e), template, pos.Line, pos.Column, e);
        }
        finally
        {
            c.ErrorPos = null;
            c.Autoescape = outer;
        }
    }

    private static object? Write(RenderContext c, object? v, bool escape)
    {
        c.WriteValue(v, escape);
        return null;
    }

    /// <inheritdoc/>
    public override int ChildrenCount => 1;

    /// <inheritdoc/>
    protected override ScriptNode GetChildrenImpl(int index) => frame;

    /// <inheritdoc/>
    public override void Accept(ScriptVisitor visitor) => visitor.Visit(frame);

    /// <inheritdoc/>
    public override TResult Accept<TResult>(ScriptVisitor<TResult> visitor) => visitor.Visit(frame)!;

    /// <inheritdoc/>
    public override void PrintTo(ScriptPrinter printer) => printer.Write("j_jinja(").Write(frame).Write(")");
}
