using System.Globalization;

namespace Micro.Routing;

/// <summary>Rule defaults as given at registration (an anonymous object or a dictionary), and how they compare.</summary>
internal static class DefaultValues
{
    /// <summary>Reads defaults from an anonymous object, a dictionary, or <c>name=value</c> strings (attribute routes; integers read as numbers).</summary>
    public static IReadOnlyDictionary<string, object?>? From(object? defaults, string rule)
    {
        if (defaults is null)
        {
            return null;
        }

        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        switch (defaults)
        {
            case string[] pairs:
                foreach (var pair in pairs)
                {
                    var equals = pair.IndexOf('=', StringComparison.Ordinal);
                    if (equals <= 0)
                    {
                        throw new ArgumentException($"Default '{pair}' of rule '{rule}' must look like 'name=value'.", nameof(defaults));
                    }

                    // An attribute can only hold text: a value that reads as an integer is one, as in defaults={"page": 1}.
                    var text = pair[(equals + 1)..];
                    result[pair[..equals]] = long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number : text;
                }

                break;
            default:
                // An anonymous object or a dictionary: read as url_for reads its values.
                result = UrlBuilder.ToDictionary(defaults);
                break;
        }

        return result.Count == 0 ? null : result;
    }

    /// <summary>
    /// Python's <c>==</c> for the values rules carry: numbers compare by value whatever their .NET type (a default
    /// <c>1</c> is the <c>long</c> 1 the int converter gives), anything else with <see cref="object.Equals(object?, object?)"/>.
    /// </summary>
    public static bool Same(object? expected, object? actual)
    {
        if (Equals(expected, actual))
        {
            return true;
        }

        if (!IsNumber(expected) || !IsNumber(actual))
        {
            return false;
        }

        if (expected is double or float || actual is double or float)
        {
            return Convert.ToDouble(expected, CultureInfo.InvariantCulture) == Convert.ToDouble(actual, CultureInfo.InvariantCulture);
        }

        return Convert.ToDecimal(expected, CultureInfo.InvariantCulture) == Convert.ToDecimal(actual, CultureInfo.InvariantCulture);
    }

    /// <summary>Gets the text a default stands for in route values, as a matched variable's text would (for parameter binding).</summary>
    public static string? Text(object? value) => value switch
    {
        null => null,
        string text => text,
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static bool IsNumber(object? value) =>
        value is sbyte or byte or short or ushort or int or uint or long or ulong or float or double or decimal;
}
