using Scriban;
using Scriban.Syntax;

namespace Micro.Templates.Runtime;

/// <summary>
/// A statement of Micro's own that holds Scriban nodes it runs (a tag's body, a loop body, a wrapped statement): the
/// tree plumbing Scriban asks of every node (children, visitors), written once. Subclasses give <c>Evaluate</c> and
/// how they print.
/// </summary>
internal abstract class ContainerNode : ScriptStatement
{
    private readonly ScriptNode[] _children;

    protected ContainerNode(ScriptNode[] children) => _children = children;

    /// <inheritdoc/>
    public override int ChildrenCount => _children.Length;

    /// <inheritdoc/>
    protected override ScriptNode GetChildrenImpl(int index) => _children[index];

    /// <inheritdoc/>
    public override void Accept(ScriptVisitor visitor)
    {
        foreach (var child in _children)
        {
            visitor.Visit(child);
        }
    }

    /// <inheritdoc/>
    public override TResult Accept<TResult>(ScriptVisitor<TResult> visitor)
    {
        var result = default(TResult)!;
        foreach (var child in _children)
        {
            result = visitor.Visit(child)!;
        }

        return result;
    }

    /// <inheritdoc/>
    public override void PrintTo(ScriptPrinter printer)
    {
        foreach (var child in _children)
        {
            printer.Write(child);
        }
    }
}
