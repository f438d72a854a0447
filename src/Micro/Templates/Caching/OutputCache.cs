using Microsoft.Extensions.Caching.Memory;

namespace Micro.Templates.Caching;

/// <summary>
/// Rendered output on the platform's <see cref="MemoryCache"/>, bounded in bytes (each entry's size is an
/// estimate of the memory it holds: its text and key). When full, the cache refuses new entries and compacts
/// in the background, least recently used first; refused and compacted entries count as evictions.
/// </summary>
internal sealed class OutputCache : IDisposable
{
    private readonly MemoryCache _cache;
    private readonly long _capacity;
    private readonly TemplateMetrics _metrics;
    private readonly PostEvictionCallbackRegistration _evicted;

    // Per template, the last entry stored: a render with the same data (a page many visitors see) is checked
    // against it value by value as the model is read, without building a key and hashing it. Each is also in the
    // MemoryCache until evicted; at most one page per template is kept beyond the size bound.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, Recent> _recent = new();

    public OutputCache(long capacityBytes, TemplateMetrics metrics)
    {
        _capacity = capacityBytes;
        _metrics = metrics;
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = Math.Max(1, capacityBytes), TrackStatistics = true, CompactionPercentage = 0.25 });
        _evicted = new PostEvictionCallbackRegistration
        {
            EvictionCallback = static (_, _, reason, state) =>
            {
                if (reason == EvictionReason.Capacity)
                {
                    ((TemplateMetrics)state!).Evictions.Add(1);
                }
            },
            State = metrics,
        };
    }

    /// <summary>The estimated bytes held.</summary>
    public long SizeBytes => _cache.GetCurrentStatistics()?.CurrentEstimatedSize ?? 0;

    /// <summary>The number of entries.</summary>
    public int Count => _cache.Count;

    private static long Cost(OutputKey key, string value) => ((long)key.Chars + value.Length) * 2 + 128;

    public bool TryGet(OutputKey key, out string value)
    {
        if (_cache.TryGetValue(key, out var found) && found is string text)
        {
            _metrics.Hits.Add(1);
            value = text;
            return true;
        }

        _metrics.Misses.Add(1);
        value = "";
        return false;
    }

    /// <summary>The entry last stored for <paramref name="program"/>, or null.</summary>
    public Recent? RecentFor(long program) => _recent.GetValueOrDefault(program);

    /// <summary>Counts a hit served from <see cref="RecentFor"/>.</summary>
    public void CountRecentHit() => _metrics.Hits.Add(1);

    /// <summary>Remembers <paramref name="key"/> (which must own its values) as the last entry of its program.</summary>
    public void Remember(OutputKey key, string value)
    {
        if (_capacity > 0 && Cost(key, value) <= _capacity)
        {
            _recent[key.Program] = new Recent(key, value);
        }
    }

    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/>, which must own its values (<see cref="OutputKey.Freeze"/>).</summary>
    public void Set(OutputKey key, string value)
    {
        var cost = Cost(key, value);
        if (_capacity <= 0 || cost > _capacity)
        {
            return;
        }

        var options = new MemoryCacheEntryOptions { Size = cost };
        options.PostEvictionCallbacks.Add(_evicted);
        _cache.Set(key, value, options);
    }

    public void Clear()
    {
        _recent.Clear();
        _cache.Clear();
    }

    public void Dispose() => _cache.Dispose();

    /// <summary>A template's last entry: its key and output.</summary>
    public sealed record Recent(OutputKey Key, string Text);
}
