using System.Text.Json;

namespace Micro.Tests.Security;

/// <summary>Reads the goldens written by tools/goldens/security_goldens.py from the real Werkzeug.</summary>
internal static class Goldens
{
    public static JsonElement Load(string name)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Security", "Golden", name);
        using var stream = File.OpenRead(path);
        return JsonDocument.Parse(stream).RootElement.Clone();
    }
}
