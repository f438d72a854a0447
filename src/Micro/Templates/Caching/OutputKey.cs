namespace Micro.Templates.Caching;

/// <summary>
/// An output-cache key: the compiled template and the model's values as <see cref="ModelKey"/> read them. Equal
/// only when every value is (<see cref="ModelKey.SameValue"/>); the hash only narrows the search.
/// </summary>
internal sealed class OutputKey : IEquatable<OutputKey>
{
    private long _program;
    private int _hash;
    private object?[] _tokens = [];
    private int _count;

    /// <summary>The program the key is for.</summary>
    public long Program => _program;

    /// <summary>The number of values and markers.</summary>
    public int Count => _count;

    /// <summary>The value or marker at <paramref name="index"/>.</summary>
    public object? Token(int index) => _tokens[index];

    /// <summary>Characters the key stands for (strings count their length), for the cache's size bound.</summary>
    public int Chars { get; private set; }

    internal void Set(long program, int hash, object?[] tokens, int count, int chars)
    {
        _program = program;
        _hash = hash;
        _tokens = tokens;
        _count = count;
        Chars = chars;
    }

    /// <summary>A copy that owns its values, to store in the cache.</summary>
    public OutputKey Freeze()
    {
        var key = new OutputKey();
        key.Set(_program, _hash, _tokens.AsSpan(0, _count).ToArray(), _count, Chars);
        return key;
    }

    /// <inheritdoc/>
    public bool Equals(OutputKey? other)
    {
        if (other is null || other._hash != _hash || other._program != _program || other._count != _count)
        {
            return false;
        }

        for (var i = 0; i < _count; i++)
        {
            if (!ModelKey.SameValue(_tokens[i], other._tokens[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is OutputKey k && Equals(k);

    /// <inheritdoc/>
    public override int GetHashCode() => _hash;
}
