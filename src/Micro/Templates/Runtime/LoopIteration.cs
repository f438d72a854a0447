namespace Micro.Templates.Runtime;

/// <summary>The <c>loop</c> variable of one iteration: a view of its <see cref="LoopContext"/> at a fixed index.</summary>
internal sealed class LoopIteration(LoopContext loop, int index)
{
    /// <summary>The loop.</summary>
    public LoopContext Loop { get; } = loop;

    /// <summary>The zero-based index of this iteration.</summary>
    public int Index { get; } = index;

    public bool TryGetAttribute(string name, out object? value) => Loop.TryGetAttribute(Index, name, out value);
}
