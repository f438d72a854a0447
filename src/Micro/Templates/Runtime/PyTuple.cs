namespace Micro.Templates.Runtime;

/// <summary>A Python tuple: an immutable sequence that prints as <c>(1, 2)</c>.</summary>
internal sealed class PyTuple(object?[] items) : IReadOnlyList<object?>
{
    /// <summary>Field names for a named tuple (groupby's <c>grouper</c>/<c>list</c>), else null.</summary>
    public string[]? Fields { get; init; }

    /// <summary>The items.</summary>
    public object?[] Items { get; } = items;

    /// <inheritdoc/>
    public object? this[int index] => Items[index];

    /// <inheritdoc/>
    public int Count => Items.Length;

    /// <inheritdoc/>
    public IEnumerator<object?> GetEnumerator() => ((IEnumerable<object?>)Items).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => Items.GetEnumerator();
}
