using System.Diagnostics.Metrics;

namespace Micro.Templates.Caching;

/// <summary>Counters of the output cache on the <c>Micro.Templates</c> meter.</summary>
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
    }

    public Counter<long> Hits { get; }

    public Counter<long> Misses { get; }

    public Counter<long> Evictions { get; }

    public Counter<long> Uncacheable { get; }

    /// <summary>Counts a render the cache refused, tagged with why.</summary>
    public void CountUncacheable(KeyRefusal refusal) =>
        Uncacheable.Add(1, new KeyValuePair<string, object?>("reason", refusal == KeyRefusal.Size ? "size" : "value"));

    public void Dispose() => _meter.Dispose();
}
