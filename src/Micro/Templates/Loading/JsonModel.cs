using System.Text.Json;

namespace Micro.Templates.Loading;

/// <summary>
/// Turns JSON into the plain model a C# caller would pass: objects become ordered dictionaries, arrays
/// lists, integers <see cref="long"/>, other numbers <see cref="double"/> (for <c>render --data file.json</c> and the goldens).
/// </summary>
internal static class JsonModel
{
    public static Dictionary<string, object?> Read(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return Convert(doc.RootElement) as Dictionary<string, object?>
            ?? throw new JsonException("The template data must be a JSON object.");
    }

    /// <summary>Converts one JSON value.</summary>
    public static object? Convert(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => e.EnumerateObject().ToDictionary(p => p.Name, p => Convert(p.Value)),
        JsonValueKind.Array => e.EnumerateArray().Select(Convert).ToList(),
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => e.TryGetInt64(out var l) ? (object)l : e.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };
}
