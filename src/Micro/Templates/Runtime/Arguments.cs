namespace Micro.Templates.Runtime;

/// <summary>The arguments of a call, filter or test once evaluated: positional values and keywords.</summary>
internal sealed class Arguments
{
    /// <summary>No arguments.</summary>
    public static readonly Arguments None = new();

    /// <summary>Positional values.</summary>
    public List<object?> Positional { get; } = [];

    /// <summary>Keyword values, in call order.</summary>
    public List<KeyValuePair<string, object?>> Keywords { get; } = [];

    /// <summary>Gets the argument at <paramref name="index"/> or keyword <paramref name="name"/>, else <paramref name="fallback"/>.</summary>
    public object? Get(int index, string name, object? fallback = null)
    {
        foreach (var (k, v) in Keywords)
        {
            if (k == name)
            {
                return v;
            }
        }

        return index >= 0 && index < Positional.Count ? Positional[index] : fallback;
    }

    /// <summary>Tells whether the argument was given.</summary>
    public bool Has(int index, string name) => (index >= 0 && index < Positional.Count) || Keywords.Exists(k => k.Key == name);

    /// <summary>The keywords as a dictionary.</summary>
    public IReadOnlyDictionary<string, object?> KeywordDictionary()
    {
        var d = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (k, v) in Keywords)
        {
            d[k] = v;
        }

        return d;
    }
}
