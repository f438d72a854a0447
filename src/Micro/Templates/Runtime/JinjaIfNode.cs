using Scriban;
using Scriban.Syntax;

namespace Micro.Templates.Runtime;

/// <summary>
/// A Jinja <c>{% if %}</c> with all its <c>{% elif %}</c> branches side by side: a chain of any length runs in one
/// stack frame (Scriban's own <c>if</c> nests each <c>else if</c> in the one before, as its parser does).
/// </summary>
internal sealed class JinjaIfNode : ScriptStatement
{
    private readonly JinjaExprNode[] _conditions;
    private readonly ScriptStatement[] _bodies;
    private readonly ScriptStatement? _else;

    public JinjaIfNode(JinjaExprNode[] conditions, ScriptStatement[] bodies, ScriptStatement? otherwise)
    {
        _conditions = conditions;
        _bodies = bodies;
        _else = otherwise;
        Span = conditions[0].Span;
    }

    /// <inheritdoc/>
    public override object? Evaluate(TemplateContext context)
    {
        var c = (RenderContext)context;
        for (var i = 0; i < _conditions.Length; i++)
        {
            if (_conditions[i].Truth(c))
            {
                return c.RunBody(_bodies[i], Span);
            }
        }

        return _else is null ? null : c.RunBody(_else, Span);
    }

    /// <inheritdoc/>
    public override int ChildrenCount => _conditions.Length + _bodies.Length + (_else is null ? 0 : 1);

    /// <inheritdoc/>
    protected override ScriptNode GetChildrenImpl(int index) =>
        index < _conditions.Length ? _conditions[index]
        : index < _conditions.Length + _bodies.Length ? _bodies[index - _conditions.Length]
        : _else!;

    /// <inheritdoc/>
    public override void Accept(ScriptVisitor visitor)
    {
        for (var i = 0; i < ChildrenCount; i++)
        {
            visitor.Visit(GetChildren(i));
        }
    }

    /// <inheritdoc/>
    public override TResult Accept<TResult>(ScriptVisitor<TResult> visitor)
    {
        var result = default(TResult)!;
        for (var i = 0; i < ChildrenCount; i++)
        {
            result = visitor.Visit(GetChildren(i))!;
        }

        return result;
    }

    /// <inheritdoc/>
    public override void PrintTo(ScriptPrinter printer) => printer.Write("{% if %}");
}
