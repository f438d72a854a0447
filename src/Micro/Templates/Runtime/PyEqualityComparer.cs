using System.Numerics;

namespace Micro.Templates.Runtime;

/// <summary>
/// Python's <c>==</c> and <c>hash()</c> as a .NET comparer, for sets and dictionaries keyed like Python's:
/// <c>1</c>, <c>1.0</c> and <c>True</c> are one key, a markup equals its text, tuples hash by their items,
/// and lists and dicts are unhashable (Python's TypeError).
/// </summary>
internal sealed class PyEqualityComparer : IEqualityComparer<object?>
{
    /// <summary>The one instance.</summary>
    public static readonly PyEqualityComparer Instance = new();

    private PyEqualityComparer()
    {
    }

    /// <inheritdoc/>
    public new bool Equals(object? x, object? y) => ReferenceEquals(x, y) || PyOps.Equals(x, y);

    /// <inheritdoc/>
    public int GetHashCode(object? obj) => Hash(obj, 0);

    /// <summary>Whether Python could hash <paramref name="v"/>: not a list or dict, nor a tuple holding one.</summary>
    public static bool IsHashable(object? v) => IsHashable(v, 0);

    private static bool IsHashable(object? v, int depth)
    {
        switch (v)
        {
            case string or Markup or null or long or bool or double:
                return true;
            case PyTuple t:
                StackGuard.EnsureData(depth, "the data hashed");
                return t.Items.All(i => IsHashable(i, depth + 1));
            default:
                return !PyAccess.IsMapping(v) && v is not System.Collections.IList;
        }
    }

    private static int Hash(object? v, int depth) => v switch
    {
        null => 0,
        long l => l.GetHashCode(),
        bool b => (b ? 1L : 0L).GetHashCode(),
        string s => string.GetHashCode(s, StringComparison.Ordinal),
        Markup m => string.GetHashCode(m.Value, StringComparison.Ordinal),
        double d => FloatHash(d),
        float f => FloatHash(f),
        decimal m => FloatHash((double)m),
        BigInteger big => big >= long.MinValue && big <= long.MaxValue ? ((long)big).GetHashCode() : big.GetHashCode(),
        _ when PyOps.IsInteger(v) => PyOps.ToLong(v).GetHashCode(),
        PyTuple t => TupleHash(t, depth),
        Undefined => 0,
        _ when PyAccess.IsMapping(v) => throw new JinjaRuntimeException("unhashable type: 'dict'"),
        System.Collections.IList => throw new JinjaRuntimeException("unhashable type: 'list'"),
        _ => v.GetHashCode(),
    };

    // An integral float hashes as the integer it equals.
    private static int FloatHash(double d)
    {
        if (double.IsFinite(d) && Math.Floor(d) == d)
        {
            return d >= -9.2233720368547758e18 && d < 9.2233720368547758e18 ? ((long)d).GetHashCode() : Hash(new BigInteger(d), 0);
        }

        return d.GetHashCode();
    }

    private static int TupleHash(PyTuple t, int depth)
    {
        StackGuard.EnsureData(depth, "the data hashed");
        var hash = new HashCode();
        foreach (var item in t.Items)
        {
            hash.Add(Hash(PyOps.Normalize(item), depth + 1));
        }

        return hash.ToHashCode();
    }
}
