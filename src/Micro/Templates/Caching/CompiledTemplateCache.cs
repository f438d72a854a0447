using System.Collections.Concurrent;
using Micro.Templates.Compilation;

namespace Micro.Templates.Caching;

/// <summary>
/// An engine's compiled templates by name (parse once), beside the output cache. Nothing else holds a compiled
/// template: when the engine goes, so do its templates.
/// </summary>
/// <remarks>
/// Race-safe: two renders that compile the same template at once both compile, and <see cref="GetOrAdd"/> keeps the
/// first one stored; the other compile is simply dropped (no registration survives it). A stale template is removed
/// only if it is still the one stored, so a fresh compile stored meanwhile by another render is kept.
/// </remarks>
internal sealed class CompiledTemplateCache
{
    private readonly ConcurrentDictionary<string, CompiledTemplate> _templates = new(StringComparer.Ordinal);

    /// <summary>How many templates are stored.</summary>
    public int Count => _templates.Count;

    /// <summary>Finds the compiled template stored under <paramref name="name"/>.</summary>
    public bool TryGet(string name, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out CompiledTemplate template) =>
        _templates.TryGetValue(name, out template);

    /// <summary>Stores <paramref name="compiled"/> unless a template is already stored under its name; returns the one stored.</summary>
    public CompiledTemplate GetOrAdd(string name, CompiledTemplate compiled) => _templates.GetOrAdd(name, compiled);

    /// <summary>Removes <paramref name="stale"/> if it is still the template stored under <paramref name="name"/>.</summary>
    public bool Remove(string name, CompiledTemplate stale) => _templates.TryRemove(new KeyValuePair<string, CompiledTemplate>(name, stale));

    /// <summary>Forgets every compiled template.</summary>
    public void Clear() => _templates.Clear();
}
