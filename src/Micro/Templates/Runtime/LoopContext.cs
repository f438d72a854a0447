namespace Micro.Templates.Runtime;

/// <summary>Jinja's <c>loop</c> object: index, first/last, length, cycle, depth and, in recursive loops, <c>loop(children)</c>.</summary>
internal sealed class LoopContext(List<object?> items, RecursiveCall? recursive)
{
    private int _index = -1;
    private object? _lastChanged = Undefined.Instance;

    /// <summary>The items being iterated.</summary>
    public List<object?> Items { get; } = items;

    /// <summary>For a recursive loop, how to call it again.</summary>
    public RecursiveCall? Recursive { get; } = recursive;

    /// <summary>Items kept by an <c>if</c> clause (pre-pass).</summary>
    public List<object?> Kept { get; } = [];

    public bool MoveNext() => ++_index < Items.Count;

    public object? Current => Items[_index];

    public object? Cycle(Arguments args) =>
        args.Positional.Count == 0 ? throw new JinjaRuntimeException("no items for cycling given") : args.Positional[_index % args.Positional.Count];

    public bool TryGetAttribute(string name, out object? value)
    {
        var depth = Recursive?.Depth ?? 1;
        value = name switch
        {
            "index" => (long)(_index + 1),
            "index0" => (long)_index,
            "revindex" => (long)(Items.Count - _index),
            "revindex0" => (long)(Items.Count - _index - 1),
            "first" => _index == 0,
            "last" => _index == Items.Count - 1,
            "length" => (long)Items.Count,
            "depth" => (long)depth,
            "depth0" => (long)(depth - 1),
            "previtem" => _index > 0 ? Items[_index - 1] : new Undefined("there is no previous item"),
            "nextitem" => _index + 1 < Items.Count ? Items[_index + 1] : new Undefined("there is no next item"),
            "cycle" => new BoundMethod(this, name, (o, a) => ((LoopContext)o!).Cycle(a)),
            "changed" => new BoundMethod(this, name, (o, a) =>
            {
                var loop = (LoopContext)o!;
                var key = new PyTuple([.. a.Positional]);
                if (loop._lastChanged is PyTuple last && PyOps.Equals(last, key))
                {
                    return false;
                }

                loop._lastChanged = key;
                return true;
            }),
            _ => null,
        };
        return value is not null || name is "previtem" or "nextitem";
    }
}
