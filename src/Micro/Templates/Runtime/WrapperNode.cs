using Scriban.Syntax;

namespace Micro.Templates.Runtime;

/// <summary>A container of one statement it runs under a condition or around it (see <see cref="ExtendingMainNode"/>, <see cref="OutputCheckNode"/>).</summary>
internal abstract class WrapperNode : ContainerNode
{
    protected WrapperNode(ScriptStatement inner)
        : base([inner])
    {
        Inner = inner;
        Span = inner.Span;
    }

    /// <summary>Gets the wrapped statement.</summary>
    protected ScriptStatement Inner { get; }
}
