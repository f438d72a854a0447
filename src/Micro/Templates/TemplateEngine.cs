using System.Collections.Concurrent;
using Micro.Templates.Caching;
using Micro.Templates.Compilation;
using Micro.Templates.Filters;
using Micro.Templates.Loading;
using Micro.Templates.Runtime;

using Micro.Templates.Syntax;

namespace Micro.Templates;

/// <summary>
/// Renders Jinja2 templates from the configured folders: Jinja syntax compiled once onto Scriban,
/// autoescaped by file extension, with an output cache used only where provably safe.
/// </summary>
/// <remarks>
/// <para>Thread safety: <see cref="Render"/> and <see cref="RenderString"/> may be called from many
/// threads at once. Register filters, tests and globals at startup, before rendering.</para>
/// <para>Model members: a template reads <c>user.Name</c>, <c>user.name</c> or <c>user.first_name</c>
/// for a .NET property <c>FirstName</c> (exact, then case-insensitive, then ignoring underscores);
/// dictionaries by key. Templates can never call .NET methods or assign to .NET properties.</para>
/// </remarks>
/// <example>
/// <code>
/// var engine = new TemplateEngine(new TemplateEngineOptions { AutoReload = true });
/// string html = engine.Render("user.html", new { user });
/// </code>
/// </example>
public sealed partial class TemplateEngine : IDisposable
{
    /// <summary>
    /// The name of the <see cref="System.Diagnostics.Metrics.Meter"/> that counts output-cache hits, misses,
    /// evictions and renders refused because the model could not be keyed exactly (<c>micro.templates.output_cache.hits</c>,
    /// <c>.misses</c>, <c>.evictions</c>, <c>.uncacheable</c> tagged <c>reason</c> = <c>value</c> or <c>size</c>; see
    /// <see cref="OutputCacheableAttribute"/>); each engine's meter has the engine as its <see cref="System.Diagnostics.Metrics.Meter.Scope"/>.
    /// </summary>
    public const string MeterName = TemplateMetrics.MeterName;

    private readonly TemplateLoader _loader;
    private readonly CompiledTemplateCache _compiled = new();
    private readonly ConcurrentDictionary<long, TransitiveInfo> _transitive = new();
    private readonly Dictionary<string, object?> _globals = new(StringComparer.Ordinal);
    private readonly HashSet<string> _impure = new(StringComparer.Ordinal);
    private readonly HashSet<string> _pure = new(StringComparer.Ordinal);
    private readonly HashSet<string> _impureFilters = new(StringComparer.Ordinal);
    private readonly TemplateMetrics _metrics;
    private readonly OutputCache _outputCache;
    private readonly ContextPool _pool;

    /// <summary>Creates an engine over <paramref name="options"/> (folders, auto-reload, output cache).</summary>
    public TemplateEngine(TemplateEngineOptions? options = null)
    {
        Options = options ?? new TemplateEngineOptions();
        _loader = new TemplateLoader(Options.Folders.ToList());
        _metrics = new TemplateMetrics(this);
        _outputCache = new OutputCache(Options.OutputCacheSizeBytes, _metrics);
        BuiltinFilters.Register(Filters);
        BuiltinTests.Register(Tests);
        BuiltinGlobals.Register(_globals);
        _pool = new ContextPool(this, JinjaRuntime.Builtins);
    }

    /// <summary>The options the engine was created with.</summary>
    public TemplateEngineOptions Options { get; }

    internal Dictionary<string, FilterFunc> Filters { get; } = new(StringComparer.Ordinal);

    internal Dictionary<string, TestFunc> Tests { get; } = new(StringComparer.Ordinal);

    internal OutputCache OutputCache => _outputCache;

    /// <summary>Adds (or replaces) a filter: <c>{{ value|name }}</c>.</summary>
    /// <param name="name">The filter name.</param>
    /// <param name="filter">Receives the value.</param>
    /// <param name="pure">False if the result depends on anything but the value (time, randomness, the request): templates using it are never output-cached.</param>
    public void AddFilter(string name, Func<object?, object?> filter, bool pure = true)
    {
        ArgumentNullException.ThrowIfNull(filter);
        AddFilter(name, (v, _, _) => filter(v), pure);
    }

    /// <summary>Adds (or replaces) a filter with arguments: <c>{{ value|name(1, x=2) }}</c>.</summary>
    /// <param name="name">The filter name.</param>
    /// <param name="filter">Receives the value, the positional arguments and the keyword arguments.</param>
    /// <param name="pure">False if the result depends on anything but its arguments: templates using it are never output-cached.</param>
    public void AddFilter(string name, Func<object?, IReadOnlyList<object?>, IReadOnlyDictionary<string, object?>, object?> filter, bool pure = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(filter);
        Filters[name] = (_, v, a) => PyOps.Normalize(filter(v, a.Positional, a.KeywordDictionary()));
        if (!pure)
        {
            _impureFilters.Add(name);
        }

        ClearCaches();
    }

    /// <summary>Adds (or replaces) a test: <c>{% if value is name %}</c>.</summary>
    public void AddTest(string name, Func<object?, bool> test)
    {
        ArgumentNullException.ThrowIfNull(test);
        AddTest(name, (v, _) => test(v));
    }

    /// <summary>Adds (or replaces) a test with arguments: <c>{% if value is name(3) %}</c> or <c>value is name 3</c>.</summary>
    public void AddTest(string name, Func<object?, IReadOnlyList<object?>, bool> test)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(test);
        Tests[name] = (_, v, a) => test(v, a.Positional);
        ClearCaches();
    }

    /// <summary>
    /// Adds (or replaces) a global every template sees. A <see cref="TemplateFunction"/> value is callable
    /// (<c>{{ name(...) }}</c>).
    /// </summary>
    /// <param name="name">The variable name.</param>
    /// <param name="value">The value, or a <see cref="TemplateFunction"/>.</param>
    /// <param name="pure">False if reading it can give different results between renders (time, request state): templates that reference it are never output-cached.</param>
    public void AddGlobal(string name, object? value, bool pure = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _globals[name] = value;
        if (pure)
        {
            _impure.Remove(name);
        }
        else
        {
            _impure.Add(name);
        }

        _outputCache.Clear();
    }

    /// <summary>
    /// Declares that a per-render global (e.g. <c>url_for</c>) gives the same results in every render, so
    /// templates using it may still be output-cached. Per-render globals are impure unless declared here.
    /// </summary>
    public void DeclarePure(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _pure.Add(name);
        _outputCache.Clear();
    }

    /// <summary>Forgets compiled templates and cached output.</summary>
    public void ClearCaches()
    {
        _compiled.Clear();
        _transitive.Clear();
        _outputCache.Clear();
    }

    /// <summary>Releases the compiled templates, the output cache and the metrics meter.</summary>
    public void Dispose()
    {
        // The compiled templates belong to this engine alone: let them go with it, even while something still holds
        // the engine itself (cache work queued on the thread pool holds the metrics, whose meter's scope is the engine,
        // until it runs). Disposing the meter takes it off the process-wide list of meters, which would keep the engine.
        _compiled.Clear();
        _transitive.Clear();
        _outputCache.Dispose();
        _metrics.Dispose();
    }

    internal bool AutoescapeFor(string name) => Options.AutoescapeExtensions.Contains(Path.GetExtension(name));

    internal CompiledTemplate GetCompiled(string name)
    {
        if (_compiled.TryGet(name, out var program))
        {
            if (!Options.AutoReload || !TemplateLoader.IsStale(program.Files))
            {
                return program;
            }

            // Something this template read changed: forget it and everything rendered from anything.
            _compiled.Remove(name, program);
            _transitive.Clear();
            _outputCache.Clear();
        }

        program = Compile(_loader.Load(name));
        return _compiled.GetOrAdd(name, program);
    }

    private CompiledTemplate Compile(TemplateSource source)
    {
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            return CompileCore(source);
        }
        finally
        {
            _metrics.Compilations.Add(1);
            _metrics.CompilationDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalSeconds);
        }
    }

    private CompiledTemplate CompileCore(TemplateSource source) =>
        ScribanEmitter.Compile(
            source,
            (from, parent, pos) =>
            {
                try
                {
                    return _loader.Load(parent);
                }
                catch (TemplateException e)
                {
                    throw new TemplateException(e.Reason, from, pos.Line, pos.Column) { SearchedFolders = e.SearchedFolders };
                }
            },
            AutoescapeFor,
            Filters.ContainsKey,
            Tests.ContainsKey,
            SyntaxOptions.From(Options));
}
