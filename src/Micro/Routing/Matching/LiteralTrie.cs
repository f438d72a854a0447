namespace Micro.Routing.Matching;

/// <summary>
/// The literals the scans of a <see cref="SharedProgram"/> look for, as a trie: one pass over a text finds where every
/// literal occurs, at a cost of at most the longest literal per character whatever the number of literals.
/// </summary>
internal sealed class LiteralTrie
{
    // Node n's children are _keys/_children[_first[n] .. _first[n + 1]), keys sorted; _literal[n] is the id of the
    // literal that ends at n, or -1.
    private readonly int[] _first;
    private readonly char[] _keys;
    private readonly int[] _children;
    private readonly int[] _literal;

    public LiteralTrie(IReadOnlyList<string> literals)
    {
        Count = literals.Count;
        var children = new List<SortedDictionary<char, int>> { new() };
        var ends = new List<int> { -1 };
        for (var id = 0; id < literals.Count; id++)
        {
            var node = 0;
            foreach (var c in literals[id])
            {
                if (!children[node].TryGetValue(c, out var child))
                {
                    child = children.Count;
                    children[node][c] = child;
                    children.Add(new());
                    ends.Add(-1);
                }

                node = child;
            }

            ends[node] = id;
        }

        _first = new int[children.Count + 1];
        _keys = new char[children.Count - 1];
        _children = new int[children.Count - 1];
        var at = 0;
        for (var node = 0; node < children.Count; node++)
        {
            _first[node] = at;
            foreach (var (key, child) in children[node])
            {
                _keys[at] = key;
                _children[at++] = child;
            }
        }

        _first[children.Count] = at;
        _literal = ends.ToArray();
    }

    /// <summary>Gets the number of literals.</summary>
    public int Count { get; }

    /// <summary>
    /// Calls <paramref name="found"/> for every literal occurring at <paramref name="at"/> in <c>text[..end]</c>, shortest
    /// first; returns the characters read.
    /// </summary>
    public int At<TSink>(string text, int at, int end, ref TSink found)
        where TSink : struct, IOccurrenceSink
    {
        var node = 0;
        var read = 0;
        for (var i = at; i < end; i++)
        {
            read++;
            var from = _first[node];
            var index = _keys.AsSpan(from, _first[node + 1] - from).IndexOf(text[i]);
            if (index < 0)
            {
                break;
            }

            node = _children[from + index];
            if (_literal[node] >= 0)
            {
                found.Add(_literal[node], at);
            }
        }

        return read;
    }
}

/// <summary>Receives the occurrences <see cref="LiteralTrie.At"/> finds.</summary>
internal interface IOccurrenceSink
{
    /// <summary>Literal <paramref name="literal"/> occurs at <paramref name="position"/>.</summary>
    void Add(int literal, int position);
}
