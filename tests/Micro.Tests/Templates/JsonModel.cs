using System.Text.Json;

namespace Micro.Tests.Templates;

/// <summary>Turns golden data.json into the plain dictionaries and lists a C# caller would pass.</summary>
internal static class JsonModel
{
    public static Dictionary<string, object?> Read(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return (Dictionary<string, object?>)Convert(doc.RootElement)!;
    }

    private static object? Convert(JsonElement e) => e.ValueKind switch
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
