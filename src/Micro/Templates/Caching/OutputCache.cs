namespace Micro.Templates.Caching;

/// <summary>A least-recently-used cache of rendered output bounded in bytes.</summary>
internal sealed class OutputCache(long capacityBytes, TemplateMetrics metrics)
{
    private readonly Dictionary<string, LinkedListNode<(string Key, string Value)>> _map = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, string Value)> _lru = new();
    private readonly Lock _lock = new();
    private long _size;

    public long SizeBytes
    {
        get
        {
            lock (_lock)
            {
                return _size;
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _map.Count;
            }
        }
    }

    private static long Cost(string key, string value) => ((long)key.Length + value.Length) * 2 + 64;

    public bool TryGet(string key, out string value)
    {
        lock (_lock)
        {
            if (_map.TryGetValue(key, out var node))
            {
                _lru.Remove(node);
                _lru.AddFirst(node);
                value = node.Value.Value;
                metrics.Hits.Add(1);
                return true;
            }
        }

        metrics.Misses.Add(1);
        value = "";
        return false;
    }

    public void Set(string key, string value)
    {
        var cost = Cost(key, value);
        if (cost > capacityBytes)
        {
            return;
        }

        lock (_lock)
        {
            if (_map.Remove(key, out var old))
            {
                _lru.Remove(old);
                _size -= Cost(old.Value.Key, old.Value.Value);
            }

            while (_size + cost > capacityBytes && _lru.Last is { } last)
            {
                _lru.RemoveLast();
                _map.Remove(last.Value.Key);
                _size -= Cost(last.Value.Key, last.Value.Value);
                metrics.Evictions.Add(1);
            }

            _map[key] = _lru.AddFirst((key, value));
            _size += cost;
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _map.Clear();
            _lru.Clear();
            _size = 0;
        }
    }
}
