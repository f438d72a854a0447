using System.Collections.Concurrent;

namespace Micro.Templates.Compilation;

/// <summary>Finds a unit by the path Scriban stamps on its spans, to map runtime errors back to Jinja.</summary>
internal static class UnitRegistry
{
    private static readonly ConcurrentDictionary<string, ScriptUnit> s_units = new(StringComparer.Ordinal);

    public static void Register(ScriptUnit unit) => s_units[unit.Path] = unit;

    public static void Unregister(CompiledTemplate program)
    {
        s_units.TryRemove(program.Main.Path, out _);
        foreach (var f in program.Functions)
        {
            s_units.TryRemove(f.Path, out _);
        }
    }

    public static ScriptUnit? Find(string? path) => path is not null && s_units.TryGetValue(path, out var unit) ? unit : null;
}
