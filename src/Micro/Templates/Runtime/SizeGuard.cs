using System.Globalization;

namespace Micro.Templates.Runtime;

/// <summary>
/// Bounds the strings and lists a render builds (<see cref="TemplateEngineOptions.MaxValueLength"/>), as the output is
/// bounded: <c>'x'|center(10**9)</c>, <c>'%1000000000d' % 1</c> or a string doubled in a loop fail the render with a
/// clear error instead of taking gigabytes. Operations check the length of their result before they build it
/// where it can grow without bound (padding, repetition, concatenation, join, replace, format), and as they append
/// where it can only be known by building it (printing nested values, <c>tojson</c>).
/// </summary>
/// <remarks>
/// The limit is per thread: a render runs synchronously on one thread, and runtime helpers that have no render
/// context at hand (<c>str()</c>, <c>%</c>, string methods) read it here. Outside a render the default applies.
/// </remarks>
internal static class SizeGuard
{
    /// <summary>The default of <see cref="TemplateEngineOptions.MaxValueLength"/>: 16 M, a quarter of the default output limit.</summary>
    public const int DefaultLimit = 16 * 1024 * 1024;

    [ThreadStatic]
    private static int t_limit;

    /// <summary>The longest string (in characters) or list (in items) the render on this thread may build.</summary>
    public static int Limit => t_limit > 0 ? t_limit : DefaultLimit;

    /// <summary>Sets the limit for the render starting on this thread; returns the previous one for <see cref="Exit"/>.</summary>
    /// <param name="limit">The limit; 0 or less means none.</param>
    public static int Enter(int limit)
    {
        var saved = t_limit;
        t_limit = limit > 0 ? limit : int.MaxValue;
        return saved;
    }

    /// <summary>Restores the limit of an enclosing render (or none) when a render ends.</summary>
    public static void Exit(int saved) => t_limit = saved;

    /// <summary>Throws unless a string of <paramref name="length"/> characters is within the limit.</summary>
    public static void String(long length)
    {
        if (length > Limit)
        {
            throw TooLarge("string", length, "characters");
        }
    }

    /// <summary>Throws unless a list of <paramref name="count"/> items is within the limit.</summary>
    public static void List(long count)
    {
        if (count > Limit)
        {
            throw TooLarge("list", count, "items");
        }
    }

    /// <summary>Throws unless <paramref name="a"/> and <paramref name="b"/> joined are within the limit.</summary>
    public static void Concat(string a, string b) => String((long)a.Length + b.Length);

    /// <summary>The length of <paramref name="items"/> joined with <paramref name="separator"/>; throws past the limit.</summary>
    public static void Join(string separator, IReadOnlyList<string> items)
    {
        long length = items.Count > 1 ? (long)separator.Length * (items.Count - 1) : 0;
        foreach (var item in items)
        {
            length += item.Length;
            if (length > Limit)
            {
                break;
            }
        }

        String(length);
    }

    /// <summary>Joins like <see cref="string.Join(string, IEnumerable{string})"/>, after checking the result's length.</summary>
    public static string JoinChecked(string separator, IEnumerable<string> items)
    {
        var list = items as IReadOnlyList<string> ?? items.ToList();
        Join(separator, list);
        return string.Join(separator, list);
    }

    private static JinjaRuntimeException TooLarge(string kind, long length, string unit) =>
        new($"The {kind} would be {length.ToString("N0", CultureInfo.InvariantCulture)} {unit} long, more than a template may build "
            + $"({Limit.ToString("N0", CultureInfo.InvariantCulture)}, TemplateEngineOptions.MaxValueLength).");
}
