using System.Collections;

namespace Micro.Templates.Runtime;

/// <summary>
/// Jinja's <c>loop</c> object and the iterator of a <c>{% for %}</c>, with Jinja's semantics on a list the body changes:
/// a list is iterated live (Python's list iterator: an item appended, popped or inserted ahead changes what comes next,
/// and once past the end the loop stays ended); <c>loop.last</c>, <c>loop.nextitem</c> look one item ahead and that item
/// is the next one whatever happens to the list; <c>loop.length</c> is read once, when first asked. With an <c>if</c>
/// clause the items are filtered as they are reached, and <c>loop.length</c> takes the rest of them at once.
/// </summary>
/// <remarks>
/// A list is read in place, item by item: no copy, so an ordinary loop allocates less than a snapshot would. Other
/// iterables (a dict, a string, a range, a sequence) are read once into a list first.
/// </remarks>
internal sealed class LoopContext
{
    private readonly IList? _live;
    private readonly Func<object?, bool>? _keep;
    private List<object?>? _items;
    private int _next;
    private bool _ended;
    private bool _peeked;
    private object? _after;
    private object? _before;
    private long _length = -1;
    private object? _lastChanged = Undefined.Instance;

    /// <param name="iterable">What the loop iterates.</param>
    /// <param name="recursive">For a recursive loop, how to call it again.</param>
    /// <param name="keep">The <c>if</c> clause, or null.</param>
    public LoopContext(object? iterable, RecursiveCall? recursive, Func<object?, bool>? keep)
    {
        if (iterable is IList list && !PyAccess.IsMapping(iterable))
        {
            _live = list;
        }
        else
        {
            _items = PyOps.ToList(iterable);
        }

        Recursive = recursive;
        _keep = keep;
    }

    /// <summary>For a recursive loop, how to call it again.</summary>
    public RecursiveCall? Recursive { get; }

    /// <summary>The zero-based index of the current item (-1 before the first).</summary>
    public int Index0 { get; private set; } = -1;

    /// <summary>The current item.</summary>
    public object? Current { get; private set; }

    /// <summary>Moves to the next item (the one looked ahead at, if any); false when the loop is over.</summary>
    public bool MoveNext()
    {
        object? item;
        if (_peeked)
        {
            _peeked = false;
            item = _after;
        }
        else if (!TryTake(out item))
        {
            return false;
        }

        if (Index0 >= 0)
        {
            _before = Current;
        }

        Current = item;
        Index0++;
        return true;
    }

    /// <summary>
    /// The frame of the current item, child of <paramref name="parent"/>, with the loop target(s) and, when
    /// <paramref name="bindLoop"/>, <c>loop</c> bound, so the loop runs no binding statements of its own.
    /// </summary>
    public Frame Bind(Frame parent, string[] targets, bool bindLoop)
    {
        var frame = BindTargets(Current, parent, targets);
        if (bindLoop)
        {
            frame.Set("loop", new LoopIteration(this, Index0));
        }

        return frame;
    }

    /// <summary>A frame binding the loop target(s) to <paramref name="item"/> (also what an <c>if</c> clause is evaluated in).</summary>
    public static Frame BindTargets(object? item, Frame parent, string[] targets)
    {
        var frame = new Frame(parent, null) { LoopItem = item };
        if (targets.Length == 1)
        {
            frame.Set(targets[0], item);
            return frame;
        }

        var values = PyOps.ToList(item);
        if (values.Count != targets.Length)
        {
            throw new JinjaRuntimeException(values.Count > targets.Length ? $"too many values to unpack (expected {targets.Length})" : $"not enough values to unpack (expected {targets.Length}, got {values.Count})");
        }

        for (var t = 0; t < targets.Length; t++)
        {
            frame.Set(targets[t], values[t]);
        }

        return frame;
    }

    // The iterator's next item, past the `if` clause: from the live list or the items read once. At the end the loop
    // stays ended, as Python's list iterator does, even if the list grows afterwards.
    private bool TryTake(out object? item)
    {
        while (!_ended)
        {
            if (_items is { } items ? _next < items.Count : _next < _live!.Count)
            {
                var raw = _items is { } read ? read[_next] : PyOps.Normalize(_live![_next]);
                _next++;
                if (_keep is null || _keep(raw))
                {
                    item = raw;
                    return true;
                }

                continue;
            }

            _ended = true;
        }

        item = null;
        return false;
    }

    // Looks one item ahead (loop.last, loop.nextitem): the item is taken from the iterator and comes next.
    private bool Peek(out object? item)
    {
        if (!_peeked)
        {
            if (!TryTake(out _after))
            {
                item = null;
                return false;
            }

            _peeked = true;
        }

        item = _after;
        return true;
    }

    // Jinja's LoopContext.length: a list's length when first asked; with an `if` clause (a generator in Jinja), the
    // rest of the items are filtered at once and iterated from then on, and the length counts them.
    private long Length
    {
        get
        {
            if (_length >= 0)
            {
                return _length;
            }

            if (_keep is null)
            {
                return _length = _items?.Count ?? _live!.Count;
            }

            var rest = new List<object?>();
            while (TryTake(out var item))
            {
                rest.Add(item);
            }

            (_items, _next, _ended) = (rest, 0, false);
            return _length = rest.Count + Index0 + 1 + (_peeked ? 1 : 0);
        }
    }

    public bool TryGetAttribute(string name, out object? value) => TryGetAttribute(Index0, name, out value);

    public bool TryGetAttribute(int index, string name, out object? value)
    {
        var depth = Recursive?.Depth ?? 1;
        value = name switch
        {
            "index" => (long)(index + 1),
            "index0" => (long)index,
            "revindex" => Length - index,
            "revindex0" => Length - index - 1,
            "first" => index == 0,
            "last" => !Peek(out _),
            "length" => Length,
            "depth" => (long)depth,
            "depth0" => (long)(depth - 1),
            "previtem" => index > 0 ? _before : new Undefined("there is no previous item"),
            "nextitem" => Peek(out var next) ? next : new Undefined("there is no next item"),
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
