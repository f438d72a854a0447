using Scriban;
using Scriban.Syntax;

namespace Micro.Templates.Runtime;

/// <summary>
/// A statement that runs one inner statement under a condition or around it (see <see cref="ExtendingMainNode"/>,
/// <see cref="OutputCheckNode"/>): the tree plumbing Scriban asks of every node, written once; subclasses give
/// <c>Evaluate</c>.
/// </summary>
internal abstract class WrapperNode : ScriptStatement
{
    protected WrapperNode(ScriptStatement inner)
    {
        Inner = inner;
        Span = inner.Span;
    }

    /// <summary>Gets the wrapped statement.</summary>
    protected ScriptStatement Inner { get; }

    /// <inheritdoc/>
    public override int ChildrenCount => 1;

    /// <inheritdoc/>
    protected override ScriptNode GetChildrenImpl(int index) => Inner;

    /// <inheritdoc/>
    public override void Accept(ScriptVisitor visitor) => visitor.Visit(Inner);

    /// <inheritdoc/>
    public override TResult Accept<TResult>(ScriptVisitor<TResult> visitor) => visitor.Visit(Inner)!;

    /// <inheritdoc/>
    public override void PrintTo(ScriptPrinter printer) => Inner.PrintTo(printer);
}
