using System.Diagnostics.Metrics;

namespace Micro.Templates.Caching;

/// <summary>
/// The <c>Micro.Templates</c> meter: the output cache, compilations and render errors (the table is in docs/platform.md).
/// </summary>
internal sealed class TemplateMetrics : IDisposable
{
    /// <summary>The meter name to listen to.</summary>
    public const string MeterName = "Micro.Templates";

    private readonly Meter _meter;

    /// <summary>Creates the counters; <paramref name="scope"/> (the engine) tells several engines apart.</summary>
    public TemplateMetrics(object scope)
    {
        _meter = new Meter(MeterName, null, null, scope);
        Hits = _meter.CreateCounter<long>("micro.templates.output_cache.hits", description: "Renders served from the output cache.");
        Misses = _meter.CreateCounter<long>("micro.templates.output_cache.misses", description: "Cacheable renders not found in the output cache.");
        Evictions = _meter.CreateCounter<long>("micro.templates.output_cache.evictions", description: "Entries evicted to stay within the size bound.");
        Uncacheable = _meter.CreateCounter<long>(
            "micro.templates.output_cache.uncacheable",
            description: "Renders of cacheable templates rendered fresh because the model held a value the cache cannot key exactly (reason=value) or was over the key size limit (reason=size).");
        Compilations = _meter.CreateCounter<long>("micro.templates.compilations", description: "Templates compiled (parsed and translated), including ones that failed to compile.");
        CompilationDuration = _meter.CreateHistogram<double>(
            "micro.templates.compilation.duration",
            unit: "s",
            description: "Time spent compiling one template.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1] });
        RenderErrors = _meter.CreateCounter<long>("micro.templates.render.errors", description: "Renders that failed with an error (missing template, syntax error, runtime error, limits).");
    }

    public Counter<long> Hits { get; }

    public Counter<long> Misses { get; }

    public Counter<long> Evictions { get; }

    public Counter<long> Uncacheable { get; }

    public Counter<long> Compilations { get; }

    public Histogram<double> CompilationDuration { get; }

    public Counter<long> RenderErrors { get; }

    /// <summary>Counts a failed render; always <see langword="false"/>, for an exception filter that lets the error through.</summary>
    public bool CountRenderError()
    {
        RenderErrors.Add(1);
        return false;
    }

    /// <summary>Counts a render the cache refused, tagged with why.</summary>
    public void CountUncacheable(KeyRefusal refusal) =>
        Uncacheable.Add(1, new KeyValuePair<string, object?>("reason", refusal == KeyRefusal.Size ? "size" : "value"));

    public void Dispose() => _meter.Dispose();
}
