namespace Micro.Routing;

/// <summary>
/// Werkzeug's <c>Weighting</c> tuple for one rule part; compared like a Python tuple so that dynamic
/// transitions are tried in Werkzeug's order (more static text first, then lighter converters).
/// </summary>
internal sealed record Weighting(int NumberStaticWeights, IReadOnlyList<(int Index, int NegativeLength)> StaticWeights, int NumberArgumentWeights, IReadOnlyList<int> ArgumentWeights)
    : IComparable<Weighting>
{
    public static readonly Weighting Empty = new(0, [], 0, []);

    public int CompareTo(Weighting? other)
    {
        if (other is null)
        {
            return 1;
        }

        var result = NumberStaticWeights.CompareTo(other.NumberStaticWeights);
        if (result != 0)
        {
            return result;
        }

        result = CompareLists(StaticWeights, other.StaticWeights, static (a, b) => a.CompareTo(b));
        if (result != 0)
        {
            return result;
        }

        result = NumberArgumentWeights.CompareTo(other.NumberArgumentWeights);
        return result != 0 ? result : CompareLists(ArgumentWeights, other.ArgumentWeights, static (a, b) => a.CompareTo(b));
    }

    public bool Equals(Weighting? other) => other is not null && CompareTo(other) == 0;

    public override int GetHashCode() => HashCode.Combine(NumberStaticWeights, NumberArgumentWeights, StaticWeights.Count, ArgumentWeights.Count);

    // Python list comparison: element by element, then the shorter list first.
    private static int CompareLists<T>(IReadOnlyList<T> left, IReadOnlyList<T> right, Func<T, T, int> compare)
    {
        for (var i = 0; i < Math.Min(left.Count, right.Count); i++)
        {
            var result = compare(left[i], right[i]);
            if (result != 0)
            {
                return result;
            }
        }

        return left.Count.CompareTo(right.Count);
    }
}
