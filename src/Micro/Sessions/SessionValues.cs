using System.Text.Json;
using Microsoft.Extensions.Primitives;

namespace Micro.Sessions;

/// <summary>
/// Keeps session values as Python's <c>json.loads</c> would give them back (string, long, double, bool, null,
/// lists and dictionaries), so a value reads the same in the request that set it and in every later one.
/// </summary>
internal static class SessionValues
{
    private static readonly JsonSerializerOptions Options = JsonSerializerOptions.Web;

    /// <summary>Converts a value a handler stores into its JSON shape.</summary>
    public static object? Normalize(object? value) => value switch
    {
        null => null,
        string or bool or long or double => value,
        int number => (long)number,

        // A form field: Flask's form["name"] is a string; several values stay a list.
        StringValues { Count: 0 } => null,
        StringValues { Count: 1 } single => single[0],
        StringValues many => many.Select(item => (object?)item).ToList(),
        _ => ToPlain(JsonSerializer.SerializeToElement(value, value.GetType(), Options)),
    };

    /// <summary>Reads a value in its JSON shape as <typeparamref name="T"/>.</summary>
    public static T? Convert<T>(object? value) =>
        value is T typed ? typed : JsonSerializer.SerializeToElement(value, Options).Deserialize<T>(Options);

    public static byte[] Serialize(Dictionary<string, object?> values) => JsonSerializer.SerializeToUtf8Bytes(values, Options);

    /// <summary>Parses a stored session; <see langword="null"/> when it is not a JSON object.</summary>
    public static Dictionary<string, object?>? Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            return document.RootElement.ValueKind == JsonValueKind.Object ? (Dictionary<string, object?>)ToPlain(document.RootElement)! : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static object? ToPlain(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var whole) ? whole : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Array => element.EnumerateArray().Select(ToPlain).ToList(),
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(property => property.Name, property => ToPlain(property.Value), StringComparer.Ordinal),
        _ => null,
    };
}
