using System.Collections;

namespace Micro.Templates.Runtime;

/// <content>The methods of built-in values that templates commonly call: <c>d.items()</c>, <c>l.index(x)</c>, ... (strings: PyAccess.Strings.cs).</content>
internal static partial class PyAccess
{
    private static bool Method(object? self, string name, Func<object?, Arguments, object?> f, out object? value)
    {
        value = new BoundMethod(self, name, f);
        return true;
    }

    // The methods of dict that a plain Jinja Environment lets a template call; the mutating ones change the
    // caller's dictionary, as in Jinja.
    private static bool TryDictMethod(object obj, string name, out object? value)
    {
        switch (name)
        {
            case "items": return Method(obj, name, (o, _) => AsMapping(o)!.Select(p => (object?)new PyTuple([p.Key, p.Value])).ToList(), out value);
            case "keys": return Method(obj, name, (o, _) => AsMapping(o)!.Select(p => p.Key).ToList(), out value);
            case "values": return Method(obj, name, (o, _) => AsMapping(o)!.Select(p => p.Value).ToList(), out value);
            case "get": return Method(obj, name, (o, a) => TryGetKey(o, a.Get(0, "key"), out var v) ? v : a.Get(1, "default"), out value);
            case "__contains__": return Method(obj, name, (o, a) => PyOps.Contains(o, a.Get(0, "key")), out value);
            case "__len__": return Method(obj, name, (o, _) => (long)PyOps.Length(o), out value);
            case "copy": return Method(obj, name, (o, _) => CopyDict(o), out value);
            case "fromkeys":
                return Method(obj, name, (_, a) =>
                {
                    var d = new Dictionary<object, object?>();
                    foreach (var k in PyOps.Iterate(a.Get(0, "iterable")))
                    {
                        d[HashableKey(k)] = a.Get(1, "value");
                    }

                    return d;
                }, out value);
        }

        if (obj is not IDictionary { IsReadOnly: false })
        {
            value = null;
            return false;
        }

        switch (name)
        {
            case "pop":
                return Method(obj, name, (o, a) =>
                {
                    var d = (IDictionary)o!;
                    var key = a.Get(0, "key");
                    if (TryGetKey(d, key, out var v))
                    {
                        d.Remove(StoredKey(d, key));
                        return v;
                    }

                    return a.Has(1, "default") ? a.Get(1, "default") : throw new JinjaRuntimeException($"KeyError: {PyOps.Repr(key)}");
                }, out value);
            case "popitem":
                return Method(obj, name, (o, _) =>
                {
                    // Python pops the last item inserted.
                    var d = (IDictionary)o!;
                    var last = AsMapping(d)!.LastOrDefault();
                    if (d.Count == 0)
                    {
                        throw new JinjaRuntimeException("KeyError: 'popitem(): dictionary is empty'");
                    }

                    d.Remove(StoredKey(d, last.Key));
                    return new PyTuple([last.Key, last.Value]);
                }, out value);
            case "setdefault":
                return Method(obj, name, (o, a) =>
                {
                    var d = (IDictionary)o!;
                    var key = a.Get(0, "key");
                    if (TryGetKey(d, key, out var v))
                    {
                        return v;
                    }

                    var dflt = a.Get(1, "default");
                    Store(d, key, dflt);
                    return dflt;
                }, out value);
            case "update":
                return Method(obj, name, (o, a) =>
                {
                    var d = (IDictionary)o!;
                    if (a.Positional.Count > 0)
                    {
                        var other = a.Positional[0];
                        var pairs = AsMapping(other) ?? PyOps.Iterate(other).Select(Pair);
                        foreach (var (k, v) in pairs.ToList())
                        {
                            Store(d, k, v);
                        }
                    }

                    foreach (var (k, v) in a.Keywords)
                    {
                        Store(d, k, v);
                    }

                    return null;
                }, out value);
            case "clear":
                return Method(obj, name, (o, _) =>
                {
                    ((IDictionary)o!).Clear();
                    return null;
                }, out value);
            default:
                value = null;
                return false;
        }
    }

    private static Dictionary<object, object?> CopyDict(object? o)
    {
        var copy = new Dictionary<object, object?>();
        foreach (var (k, v) in AsMapping(o)!)
        {
            copy[k!] = v;
        }

        return copy;
    }

    // A key as Python hashes it: lists and dicts cannot be keys, None can (as a boxed marker it cannot be here).
    private static object HashableKey(object? k)
    {
        _ = PyEqualityComparer.Instance.GetHashCode(k);
        return PyOps.Normalize(k) ?? throw new JinjaRuntimeException("None as a dictionary key is not supported");
    }

    // The key object the dictionary holds for a key found by TryGetKey (its own type, normalised numbers).
    private static object StoredKey(IDictionary d, object? key)
    {
        var normalized = PyOps.Normalize(key);
        if (normalized is not null && d.Contains(normalized))
        {
            return normalized;
        }

        foreach (var k in d.Keys)
        {
            if (PyOps.Equals(PyOps.Normalize(k), normalized))
            {
                return k;
            }
        }

        throw new JinjaRuntimeException($"KeyError: {PyOps.Repr(key)}");
    }

    private static void Store(IDictionary d, object? key, object? value)
    {
        var k = HashableKey(key);
        try
        {
            d[TryGetKey(d, k, out _) ? StoredKey(d, k) : k] = value;
        }
        catch (ArgumentException)
        {
            throw new JinjaRuntimeException($"this dictionary only takes keys of type {d.GetType().GetGenericArguments().FirstOrDefault()?.Name ?? "object"}, not {PyOps.TypeName(key)}");
        }

        SizeGuard.List(d.Count);
    }

    private static KeyValuePair<object?, object?> Pair(object? item)
    {
        var pair = PyOps.ToList(item);
        return pair.Count == 2 ? new(pair[0], pair[1]) : throw new JinjaRuntimeException($"dictionary update sequence element has length {pair.Count}; 2 is required");
    }

    // The methods of list (and, for count and index, tuple); the mutating ones change the caller's list, as in Jinja.
    private static bool TryListMethod(object obj, string name, out object? value)
    {
        switch (name)
        {
            case "index":
                return Method(obj, name, (o, a) =>
                {
                    var items = PyOps.ToList(o);
                    var x = a.Get(0, "x");
                    var (start, end) = PyString.Bounds(items.Count, a.Get(1, "start"), a.Get(2, "end"));
                    for (var i = start; i < end; i++)
                    {
                        if (PyOps.Equals(items[i], x))
                        {
                            return (long)i;
                        }
                    }

                    throw new JinjaRuntimeException($"{PyOps.Repr(x)} is not in {(o is PyTuple ? "tuple" : "list")}");
                }, out value);
            case "count": return Method(obj, name, (o, a) => (long)PyOps.ToList(o).Count(x => PyOps.Equals(x, a.Get(0, "x"))), out value);
            case "__len__": return Method(obj, name, (o, _) => (long)PyOps.Length(o), out value);
            case "__contains__": return Method(obj, name, (o, a) => PyOps.Contains(o, a.Get(0, "key")), out value);
            case "copy" when obj is not PyTuple: return Method(obj, name, (o, _) => PyOps.ToList(o), out value);
        }

        if (obj is not IList { IsReadOnly: false, IsFixedSize: false } || obj is PyTuple)
        {
            value = null;
            return false;
        }

        switch (name)
        {
            case "append":
                return Method(obj, name, (o, a) =>
                {
                    var list = (IList)o!;
                    SizeGuard.List(list.Count + 1L);
                    list.Add(a.Get(0, "x"));
                    return null;
                }, out value);
            case "extend":
                return Method(obj, name, (o, a) =>
                {
                    var list = (IList)o!;

                    // Materialised first: l.extend(l) doubles the list once.
                    var items = PyOps.ToList(a.Get(0, "iterable"));
                    SizeGuard.List((long)list.Count + items.Count);
                    foreach (var item in items)
                    {
                        list.Add(item);
                    }

                    return null;
                }, out value);
            case "insert":
                return Method(obj, name, (o, a) =>
                {
                    var list = (IList)o!;
                    SizeGuard.List(list.Count + 1L);
                    var i = PyOps.ToLong(a.Get(0, "index"));
                    i = Math.Clamp(i < 0 ? i + list.Count : i, 0, list.Count);
                    list.Insert((int)i, a.Get(1, "object"));
                    return null;
                }, out value);
            case "pop":
                return Method(obj, name, (o, a) =>
                {
                    var list = (IList)o!;
                    if (list.Count == 0)
                    {
                        throw new JinjaRuntimeException("pop from empty list");
                    }

                    var i = a.Has(0, "index") ? PyOps.ToLong(a.Get(0, "index")) : -1;
                    i = i < 0 ? i + list.Count : i;
                    if (i < 0 || i >= list.Count)
                    {
                        throw new JinjaRuntimeException("pop index out of range");
                    }

                    var item = PyOps.Normalize(list[(int)i]);
                    list.RemoveAt((int)i);
                    return item;
                }, out value);
            case "remove":
                return Method(obj, name, (o, a) =>
                {
                    var list = (IList)o!;
                    var x = a.Get(0, "value");
                    for (var i = 0; i < list.Count; i++)
                    {
                        if (PyOps.Equals(PyOps.Normalize(list[i]), x))
                        {
                            list.RemoveAt(i);
                            return null;
                        }
                    }

                    throw new JinjaRuntimeException("list.remove(x): x not in list");
                }, out value);
            case "reverse":
                return Method(obj, name, (o, _) =>
                {
                    var list = (IList)o!;
                    var items = PyOps.ToList(list);
                    for (var i = 0; i < items.Count; i++)
                    {
                        list[i] = items[items.Count - 1 - i];
                    }

                    return null;
                }, out value);
            case "sort":
                return Method(obj, name, (o, a) =>
                {
                    if (a.Has(-1, "key") && a.Get(-1, "key") is not null)
                    {
                        throw new JinjaRuntimeException("list.sort(key=...) is not supported in templates; use the sort filter with attribute=...");
                    }

                    // Stable, as Python's sort; reverse=True keeps equal items in their order too.
                    var list = (IList)o!;
                    var comparer = Comparer<object?>.Create((x, y) => PyOps.Compare(x, y));
                    var items = PyOps.ToList(list);
                    List<object?> sorted;
                    try
                    {
                        sorted = PyOps.Truthy(a.Get(-1, "reverse", false)) ? [.. items.OrderDescending(comparer)] : [.. items.Order(comparer)];
                    }
                    catch (InvalidOperationException e) when (e.InnerException is JinjaRuntimeException inner)
                    {
                        throw inner;
                    }

                    for (var i = 0; i < sorted.Count; i++)
                    {
                        list[i] = sorted[i];
                    }

                    return null;
                }, out value);
            case "clear":
                return Method(obj, name, (o, _) =>
                {
                    ((IList)o!).Clear();
                    return null;
                }, out value);
            default:
                value = null;
                return false;
        }
    }

    internal static bool IsSequence(object? v) => v is IList or PyTuple or IReadOnlyList<object?>;
}
