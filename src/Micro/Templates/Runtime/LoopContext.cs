namespace Micro.Templates.Runtime;

/// <summary>Jinja's <c>loop</c> object: index, first/last, length, cycle, depth and, in recursive loops, <c>loop(children)</c>.</summary>
internal sealed class LoopContext(List<object?> items, RecursiveCall? recursive)
{
    private int _index = -1;
    private object? _lastChanged = Undefined.Instance;

    /// <summary>
    /// The frame of iteration <paramref name="index"/>, child of <paramref name="parent"/>, with the loop target(s)
    /// and, when <paramref name="bindLoop"/>, <c>loop</c> bound, so the loop runs no binding statements of its own.
    /// </summary>
    public Frame Bind(int index, Frame parent, string[] targets, bool bindLoop)
    {
        var item = Items[index];
        var frame = new Frame(parent, null) { LoopItem = item };
        if (targets.Length == 1)
        {
            frame.Set(targets[0], item);
        }
        else
        {
            var values = PyOps.ToList(item);
            if (values.Count != targets.Length)
            {
                throw new JinjaRuntimeException(values.Count > targets.Length ? $"too many values to unpack (expected {targets.Length})" : $"not enough values to unpack (expected {targets.Length}, got {values.Count})");
            }

            for (var t = 0; t < targets.Length; t++)
            {
                frame.Set(targets[t], values[t]);
            }
        }

        if (bindLoop)
        {
            frame.Set("loop", new LoopIteration(this, index));
        }

        return frame;
    }

    /// <summary>The items being iterated.</summary>
    public List<object?> Items { get; } = items;

    /// <summary>For a recursive loop, how to call it again.</summary>
    public RecursiveCall? Recursive { get; } = recursive;

    /// <summary>Items kept by an <c>if</c> clause (pre-pass).</summary>
    public List<object?> Kept { get; } = [];

    public bool MoveNext() => ++_index < Items.Count;

    public object? Current => Items[_index];

    public bool TryGetAttribute(string name, out object? value) => TryGetAttribute(_index, name, out value);

    public bool TryGetAttribute(int index, string name, out object? value)
    {
        var depth = Recursive?.Depth ?? 1;
        value = name switch
        {
            "index" => (long)(index + 1),
            "index0" => (long)index,
            "revindex" => (long)(Items.Count - index),
            "revindex0" => (long)(Items.Count - index - 1),
            "first" => index == 0,
            "last" => index == Items.Count - 1,
            "length" => (long)Items.Count,
            "depth" => (long)depth,
            "depth0" => (long)(depth - 1),
            "previtem" => index > 0 ? Items[index - 1] : new Undefined("there is no previous item"),
            "nextitem" => index + 1 < Items.Count ? Items[index + 1] : new Undefined("there is no next item"),
            "cycle" => new BoundMethod(index, name, (o, a) =>
                a.Positional.Count == 0 ? throw new JinjaRuntimeException("no items for cycling given") : a.Positional[(int)o! % a.Positional.Count]),
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
