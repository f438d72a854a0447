using Scriban;
using Scriban.Syntax;

namespace Micro.Templates.Runtime;

/// <summary>
/// <c>{% break %}</c> or <c>{% continue %}</c>: sets <see cref="RenderContext.Flow"/>, which the bodies between it
/// and its loop (<see cref="LoopBodyNode"/>) stop on and the loop (<see cref="JinjaForNode"/>) consumes.
/// </summary>
internal sealed class LoopControlNode : ScriptStatement
{
    private readonly LoopFlow _flow;

    public LoopControlNode(LoopFlow flow, Scriban.Parsing.SourceSpan span)
    {
        _flow = flow;
        Span = span;
    }

    /// <inheritdoc/>
    public override object? Evaluate(TemplateContext context)
    {
        ((RenderContext)context).Flow = _flow;
        return null;
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
    public override void PrintTo(ScriptPrinter printer) => printer.Write(_flow == LoopFlow.Break ? "{% break %}" : "{% continue %}");
}
