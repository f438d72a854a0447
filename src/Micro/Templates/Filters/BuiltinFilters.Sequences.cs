using Micro.Templates.Runtime;

namespace Micro.Templates.Filters;

/// <content>Filters over sequences and mappings.</content>
internal static partial class BuiltinFilters
{
    private static void RegisterSequences(IDictionary<string, FilterFunc> f)
    {
        f["length"] = f["count"] = (_, v, _) => (long)PyOps.Length(v);
        f["list"] = (_, v, _) => PyOps.ToList(v);
        f["first"] = (_, v, _) => PyOps.Iterate(v).Take(1).ToList() is [var x] ? x : new Undefined("No first item, sequence was empty.");
        // reversed() reads a string through __getitem__, which on Markup gives Markup (iter() gives plain characters).
        f["last"] = (_, v, _) => PyOps.ToList(v) is { Count: > 0 } l ? (v is Markup ? new Markup((string)l[^1]!) : l[^1]) : new Undefined("No last item, sequence was empty.");
        f["reverse"] = (_, v, _) => v switch
        {
            string s => new string(s.Reverse().ToArray()),
            Markup m => new Markup(new string(m.Value.Reverse().ToArray())),
            _ => PyOps.ToList(v).AsEnumerable().Reverse().ToList(),
        };
        f["join"] = (c, v, a) =>
        {
            var items = PyOps.ToList(v);
            if (a.Get(1, "attribute") is { } attr)
            {
                items = items.Select(Getter(attr)).ToList();
            }

            return Join(c.Autoescape, items, a.Get(0, "d", ""));
        };
        f["sort"] = (_, v, a) =>
        {
            // sort accepts several attributes: attribute='age,name'.
            var attribute = a.Get(2, "attribute");
            var caseSensitive = PyOps.Truthy(a.Get(1, "case_sensitive", false));
            var key = attribute is string list && list.Contains(',', StringComparison.Ordinal)
                ? MultiKey(list.Split(','), caseSensitive)
                : SortKey(attribute, caseSensitive);
            var items = PyOps.ToList(v);
            return Sorted(items, key, PyOps.Truthy(a.Get(0, "reverse", false)));
        };
        f["unique"] = (_, v, a) =>
        {
            var key = SortKey(a.Get(1, "attribute"), PyOps.Truthy(a.Get(0, "case_sensitive", false)));
            // A set with Python's equality and hash: linear, and 1, 1.0 and True are one item as in Jinja. Lists and
            // dicts, which Jinja refuses (unhashable), are compared by value instead, one by one.
            var seen = new HashSet<object?>(PyEqualityComparer.Instance);
            List<object?>? unhashable = null;
            var result = new List<object?>();
            foreach (var item in PyOps.Iterate(v))
            {
                var k = key(item);
                if (PyEqualityComparer.IsHashable(k) ? seen.Add(k) : !(unhashable ??= []).Exists(u => PyOps.Equals(u, k)))
                {
                    if (!PyEqualityComparer.IsHashable(k))
                    {
                        unhashable!.Add(k);
                    }

                    result.Add(item);
                }
            }

            return result;
        };
        f["min"] = (_, v, a) => MinMax(v, a, -1);
        f["max"] = (_, v, a) => MinMax(v, a, 1);
        f["sum"] = (_, v, a) =>
        {
            var items = PyOps.Iterate(v);
            if (a.Get(0, "attribute") is { } attr)
            {
                items = items.Select(Getter(attr));
            }

            var total = a.Get(1, "start", 0L);
            foreach (var i in items)
            {
                total = PyOps.Add(total, i);
            }

            return total;
        };
        f["map"] = (c, v, a) =>
        {
            // Jinja's map and select loop only `if value`: None maps to nothing.
            var items = v is null ? [] : PyOps.Iterate(v);
            if (a.Positional.Count == 0 && a.Get(-1, "attribute") is { } attr)
            {
                var getter = Getter(attr);
                var hasDefault = a.Has(-1, "default");
                var dflt = a.Get(-1, "default");
                return items.Select(i => getter(i) is Undefined && hasDefault ? dflt : getter(i)).ToList();
            }

            var name = PyOps.Str(a.Positional[0]);
            var filter = c.Engine.Filters.TryGetValue(name, out var ff) ? ff : throw new JinjaRuntimeException($"No filter named '{name}'.");
            var rest = Rest(a, 1);
            return items.Select(i => filter(c, i, rest)).ToList();
        };
        f["select"] = (c, v, a) => Select(c, v, a, expect: true, byAttribute: false);
        f["reject"] = (c, v, a) => Select(c, v, a, expect: false, byAttribute: false);
        f["selectattr"] = (c, v, a) => Select(c, v, a, expect: true, byAttribute: true);
        f["rejectattr"] = (c, v, a) => Select(c, v, a, expect: false, byAttribute: true);
        f["batch"] = (_, v, a) =>
        {
            var size = (int)PyOps.ToLong(a.Get(0, "linecount"));
            var fill = a.Has(1, "fill_with") ? a.Get(1, "fill_with") : null;
            var hasFill = a.Has(1, "fill_with") && fill is not null;
            if (hasFill)
            {
                // The last batch is padded to `linecount` items.
                SizeGuard.List(size);
            }
            var result = new List<object?>();
            var tmp = new List<object?>();
            foreach (var item in PyOps.Iterate(v))
            {
                if (tmp.Count == size)
                {
                    result.Add(tmp);
                    tmp = [];
                }

                tmp.Add(item);
            }

            if (tmp.Count > 0)
            {
                if (hasFill)
                {
                    while (tmp.Count < size)
                    {
                        tmp.Add(fill);
                    }
                }

                result.Add(tmp);
            }

            return result;
        };
        f["slice"] = (_, v, a) =>
        {
            var seq = PyOps.ToList(v);
            var slices = (int)PyOps.ToLong(a.Get(0, "slices"));
            SizeGuard.List(slices);
            var fill = a.Get(1, "fill_with");
            var hasFill = fill is not null;
            var length = seq.Count;
            var perSlice = length / slices;
            var withExtra = length % slices;
            var offset = 0;
            var result = new List<object?>();
            for (var n = 0; n < slices; n++)
            {
                var start = offset + (n * perSlice);
                if (n < withExtra)
                {
                    offset++;
                }

                var end = offset + ((n + 1) * perSlice);
                var tmp = seq.GetRange(start, end - start);
                if (hasFill && n >= withExtra)
                {
                    tmp.Add(fill);
                }

                result.Add(tmp);
            }

            return result;
        };
        f["dictsort"] = (_, v, a) =>
        {
            var caseSensitive = PyOps.Truthy(a.Get(0, "case_sensitive", false));
            var by = PyOps.Str(a.Get(1, "by", "key"));
            var pos = by == "key" ? 0 : by == "value" ? 1 : throw new JinjaRuntimeException("You can only sort by either \"key\" or \"value\"");
            var items = (PyAccess.AsMapping(v) ?? throw new JinjaRuntimeException("dictsort needs a mapping"))
                .Select(p => (object?)new PyTuple([p.Key, p.Value])).ToList();
            Func<object?, object?> key = t => { var x = ((PyTuple)t!)[pos]; return !caseSensitive && x is string s ? s.ToLowerInvariant() : x; };
            return Sorted(items, key, PyOps.Truthy(a.Get(2, "reverse", false)));
        };
        f["groupby"] = (_, v, a) =>
        {
            var attr = a.Get(0, "attribute");
            var dflt = a.Get(1, "default");
            var caseSensitive = PyOps.Truthy(a.Get(2, "case_sensitive", false));
            var raw = Getter(attr!, dflt);
            Func<object?, object?> key = i => { var x = raw(i); return !caseSensitive && x is string s ? s.ToLowerInvariant() : x; };
            var sorted = Sorted(PyOps.ToList(v), key, false);
            var result = new List<object?>();
            List<object?>? group = null;
            object? groupKey = null;
            foreach (var item in sorted)
            {
                var k = key(item);
                if (group is null || !PyOps.Equals(k, groupKey))
                {
                    group = [];
                    groupKey = k;
                    result.Add(group);
                }

                group.Add(item);
            }

            return result.Select(g => (object?)new PyTuple([raw(((List<object?>)g!)[0]), g]) { Fields = ["grouper", "list"] }).ToList();
        };
        f["items"] = (_, v, _) => v is Undefined ? new List<object?>() : (PyAccess.AsMapping(v) ?? throw new JinjaRuntimeException("Can only get item pairs from a mapping.")).Select(p => (object?)new PyTuple([p.Key, p.Value])).ToList();
        f["attr"] = (_, v, a) => PyAccess.GetAttrOnly(v, PyOps.Str(a.Get(0, "name")));
    }

    private static Arguments Rest(Arguments a, int skip)
    {
        var rest = new Arguments();
        rest.Positional.AddRange(a.Positional.Skip(skip));
        rest.Keywords.AddRange(a.Keywords);
        return rest;
    }

    private static object? Select(RenderContext c, object? v, Arguments a, bool expect, bool byAttribute)
    {
        var items = v is null ? [] : PyOps.Iterate(v);
        Func<object?, object?> value = i => i;
        var offset = 0;
        if (byAttribute)
        {
            value = Getter(a.Positional[0]!);
            offset = 1;
        }

        Func<object?, bool> test;
        if (a.Positional.Count > offset)
        {
            var name = PyOps.Str(a.Positional[offset]);
            var t = c.Engine.Tests.TryGetValue(name, out var tt) ? tt : throw new JinjaRuntimeException($"No test named '{name}'.");
            var rest = Rest(a, offset + 1);
            test = x => t(c, x, rest);
        }
        else
        {
            test = PyOps.Truthy;
        }

        return items.Where(i => test(value(i)) == expect).ToList();
    }

    private static object? MinMax(object? v, Arguments a, int sign)
    {
        var key = SortKey(a.Get(1, "attribute"), PyOps.Truthy(a.Get(0, "case_sensitive", false)));
        var items = PyOps.ToList(v);
        if (items.Count == 0)
        {
            return new Undefined($"No aggregated item, sequence was empty.");
        }

        var best = items[0];
        foreach (var i in items.Skip(1))
        {
            if (PyOps.Compare(key(i), key(best)) * sign > 0)
            {
                best = i;
            }
        }

        return best;
    }

    private static Func<object?, object?> SortKey(object? attribute, bool caseSensitive)
    {
        var getter = attribute is null ? (i => i) : Getter(attribute);
        return caseSensitive ? getter : i => getter(i) is string s ? s.ToLowerInvariant() : getter(i);
    }

    private static Func<object?, object?> MultiKey(string[] attributes, bool caseSensitive)
    {
        var keys = attributes.Select(p => SortKey(p.Trim(), caseSensitive)).ToArray();
        return item => new PyTuple(keys.Select(k => k(item)).ToArray());
    }

    private static Comparer<object?> Comparer(Func<object?, object?> key) =>
        Comparer<object?>.Create((x, y) => PyOps.Compare(key(x), key(y)));

    // List sorting wraps comparer exceptions; surface the template error itself.
    private static List<object?> Sorted(IEnumerable<object?> items, Func<object?, object?> key, bool descending)
    {
        try
        {
            return descending ? items.OrderDescending(Comparer(key)).ToList() : items.Order(Comparer(key)).ToList();
        }
        catch (InvalidOperationException e) when (e.InnerException is JinjaRuntimeException inner)
        {
            throw inner;
        }
    }

    // Jinja's do_join: without autoescape plain text; with it, a markup item makes the result markup with the
    // separator and the other items escaped, and a markup separator is Markup.join (items escaped unless markup).
    private static object Join(bool autoescape, List<object?> items, object? d)
    {
        if (autoescape && PyOps.AsMarkup(d) is null && items.Exists(i => PyOps.AsMarkup(i) is not null))
        {
            return new Markup(SizeGuard.JoinChecked(Markup.EscapeText(PyOps.Str(d)), items.Select(PyOps.EscapeOrKeep)));
        }

        if (autoescape && d is Markup separator)
        {
            // soft_str(item): only Markup items stay markup.
            return new Markup(SizeGuard.JoinChecked(separator.Value, items.Select(i => i is Markup m ? m.Value : Markup.EscapeText(PyOps.Str(i)))));
        }

        return SizeGuard.JoinChecked(PyOps.Str(d), items.Select(PyOps.Str));
    }

    /// <summary>Jinja's attribute getter: <c>"a.b.0"</c> walks items (then attributes) part by part.</summary>
    private static Func<object?, object?> Getter(object attribute, object? fallback = null)
    {
        var parts = attribute is string s
            ? s.Split('.').Select(p => long.TryParse(p, out var n) ? (object)n : p).ToArray()
            : [attribute];
        return item =>
        {
            foreach (var p in parts)
            {
                item = PyAccess.GetItem(item, p);
                if (item is Undefined && fallback is not null)
                {
                    return fallback;
                }
            }

            return item;
        };
    }
}
