using System.Collections;
using System.Globalization;

namespace Micro.Templates.Runtime;

/// <summary>Jinja's <c>getattr</c>/<c>getitem</c> over dictionaries, lists, strings and .NET objects.</summary>
internal static partial class PyAccess
{
    /// <summary>Views <paramref name="v"/> as a mapping, or returns null.</summary>
    public static IEnumerable<KeyValuePair<object?, object?>>? AsMapping(object? v) => v switch
    {
        Dictionary<object, object?> d => d.Select(p => new KeyValuePair<object?, object?>(p.Key, p.Value)),
        IDictionary<string, object?> d => d.Select(p => new KeyValuePair<object?, object?>(p.Key, PyOps.Normalize(p.Value))),
        IReadOnlyDictionary<string, object?> d => d.Select(p => new KeyValuePair<object?, object?>(p.Key, PyOps.Normalize(p.Value))),
        IDictionary d => DictionaryEntries(d),
        _ => null,
    };

    private static IEnumerable<KeyValuePair<object?, object?>> DictionaryEntries(IDictionary d)
    {
        foreach (DictionaryEntry e in d)
        {
            yield return new(PyOps.Normalize(e.Key), PyOps.Normalize(e.Value));
        }
    }

    public static bool IsMapping(object? v) => v is Dictionary<object, object?> or IDictionary<string, object?> or IReadOnlyDictionary<string, object?> or IDictionary;

    public static bool TryGetKey(object? container, object? key, out object? value)
    {
        switch (container)
        {
            case Dictionary<object, object?> d:
                if (key is not null && d.TryGetValue(PyOps.Normalize(key)!, out value))
                {
                    return true;
                }

                break;
            case IDictionary<string, object?> d when key is string s:
                if (d.TryGetValue(s, out value))
                {
                    value = PyOps.Normalize(value);
                    return true;
                }

                break;
            case IReadOnlyDictionary<string, object?> d when key is string s:
                if (d.TryGetValue(s, out value))
                {
                    value = PyOps.Normalize(value);
                    return true;
                }

                break;
            case IDictionary d when key is not null:
                var k = key;
                var keyType = d.GetType().GetGenericArguments().FirstOrDefault();
                if (keyType is not null && keyType != typeof(object) && key.GetType() != keyType)
                {
                    try
                    {
                        k = Convert.ChangeType(key, keyType, CultureInfo.InvariantCulture);
                    }
                    catch (Exception e) when (e is InvalidCastException or FormatException or OverflowException)
                    {
                        break;
                    }
                }

                if (d.Contains(k))
                {
                    value = PyOps.Normalize(d[k]);
                    return true;
                }

                break;
        }

        value = null;
        return false;
    }

    private static Undefined NoAttribute(object? obj, object? name) =>
        new(obj is null ? $"'None' has no attribute '{PyOps.Str(name)}'" : $"'{PyOps.TypeName(obj)} object' has no attribute '{PyOps.Str(name)}'");

    /// <summary><c>obj.name</c>: attribute first, then item.</summary>
    public static object? GetAttr(object? obj, string name) => GetAttr(obj, name, null);

    /// <summary><c>obj.name</c> at a template call site, which remembers how plain model types resolve.</summary>
    public static object? GetAttr(object? obj, string name, AttrSite? site)
    {
        if (obj is Undefined u)
        {
            throw new JinjaRuntimeException(u.Hint);
        }

        if (site is not null && obj is not null && site.TryGet(obj, out var cached))
        {
            return cached;
        }

        if (TryAttribute(obj, name, out var value, site))
        {
            return value;
        }

        if (TryGetKey(obj, name, out value))
        {
            return value;
        }

        return NoAttribute(obj, name);
    }

    /// <summary><c>obj|attr(name)</c>: the attribute only, never an item.</summary>
    public static object? GetAttrOnly(object? obj, string name)
    {
        if (obj is Undefined u)
        {
            throw new JinjaRuntimeException(u.Hint);
        }

        return TryAttribute(obj, name, out var value) ? value : NoAttribute(obj, name);
    }

    /// <summary><c>obj[key]</c>: item first, then attribute.</summary>
    public static object? GetItem(object? obj, object? key)
    {
        if (obj is Undefined u)
        {
            throw new JinjaRuntimeException(u.Hint);
        }

        if (key is Undefined)
        {
            return NoAttribute(obj, key);
        }

        if (TryGetKey(obj, key, out var value))
        {
            return value;
        }

        if (PyOps.IsInteger(key) && obj is not null && !IsMapping(obj))
        {
            var i = PyOps.ToLong(key);
            switch (obj)
            {
                case string or Markup:
                    // Markup's __getitem__ gives markup.
                    var chars = PyOps.Iterate(obj).ToList();
                    if (i < 0)
                    {
                        i += chars.Count;
                    }

                    return i < 0 || i >= chars.Count ? NoAttribute(obj, key) : obj is Markup ? new Markup((string)chars[(int)i]!) : chars[(int)i];
                case IList list:
                    if (i < 0)
                    {
                        i += list.Count;
                    }

                    return i >= 0 && i < list.Count ? PyOps.Normalize(list[(int)i]) : NoAttribute(obj, key);
                case IReadOnlyList<object?> rl:
                    if (i < 0)
                    {
                        i += rl.Count;
                    }

                    return i >= 0 && i < rl.Count ? PyOps.Normalize(rl[(int)i]) : NoAttribute(obj, key);
                case IEnumerable e when obj is not Namespace:
                    var items = PyOps.ToList(e);
                    if (i < 0)
                    {
                        i += items.Count;
                    }

                    return i >= 0 && i < items.Count ? items[(int)i] : NoAttribute(obj, key);
            }
        }

        if (key is string name && TryAttribute(obj, name, out value))
        {
            return value;
        }

        return NoAttribute(obj, key);
    }

    private static bool TryAttribute(object? obj, string name, out object? value, AttrSite? site = null)
    {
        value = null;
        switch (obj)
        {
            case null:
                return false;
            case Namespace ns:
                if (ns.Values.TryGetValue(name, out value))
                {
                    return true;
                }

                return false;
            case LoopContext loop:
                return loop.TryGetAttribute(name, out value);
            case LoopIteration iteration:
                return iteration.TryGetAttribute(name, out value);
            case TemplateModule module:
                return module.TryGet(name, out value);
            case Macro macro:
                value = name == "name" ? macro.Signature.Name : null;
                return name == "name";
            case string or Markup:
                return TryStringMethod(obj, name, out value);
            case PyTuple { Fields: { } fields } t when Array.IndexOf(fields, name) is var fi && fi >= 0:
                value = t.Items[fi];
                return true;
        }

        if (IsMapping(obj))
        {
            return TryDictMethod(obj, name, out value);
        }

        if (obj is IList or PyTuple)
        {
            return TryListMethod(obj, name, out value);
        }

        if (obj is IEnumerable || obj.GetType().IsPrimitive || obj is decimal or DateTime or DateTimeOffset or Guid or Delegate or Type)
        {
            if (PyDateTime.IsDate(obj))
            {
                switch (name)
                {
                    case "strftime":
                        value = new BoundMethod(obj, name, (o, a) => PyDateTime.Strftime(o!, PyOps.Str(a.Get(0, "format"))));
                        return true;
                    case "isoformat":
                        value = new BoundMethod(obj, name, (o, _) => PyDateTime.Str(o!).Replace(' ', 'T'));
                        return true;
                }
            }

            if (obj is DateTime or DateTimeOffset or TimeSpan or DateOnly or TimeOnly)
            {
                return MemberAccess.TryGet(obj, name, out value);
            }

            return false;
        }

        // A plain model object: the resolution depends on its type alone, so the call site may remember it.
        var type = obj.GetType();
        if (MemberAccess.Getter(type, name) is { } getter)
        {
            site?.Remember(type, getter);
            value = getter(obj);
            return true;
        }

        return false;
    }

    /// <summary><c>obj[start:stop:step]</c> on lists, tuples and strings.</summary>
    public static object? Slice(object? obj, object? start, object? stop, object? step)
    {
        if (obj is Undefined u)
        {
            throw new JinjaRuntimeException(u.Hint);
        }

        var items = obj is string or Markup ? PyOps.Iterate(obj).ToList() : PyOps.ToList(obj);
        var n = items.Count;
        var st = step is null ? 1 : PyOps.ToLong(step);
        if (st == 0)
        {
            throw new JinjaRuntimeException("slice step cannot be zero");
        }

        long Clamp(object? v, long dflt)
        {
            if (v is null)
            {
                return dflt;
            }

            var x = PyOps.ToLong(v);
            if (x < 0)
            {
                x += n;
            }

            return st > 0 ? Math.Clamp(x, 0, n) : Math.Clamp(x, -1, n - 1);
        }

        var a = Clamp(start, st > 0 ? 0 : n - 1);
        var b = Clamp(stop, st > 0 ? n : -1);
        var result = new List<object?>();
        for (var i = a; st > 0 ? i < b : i > b; i += st)
        {
            result.Add(items[(int)i]);
        }

        return obj switch
        {
            string => string.Concat(result.Select(r => (string)r!)),
            Markup => new Markup(string.Concat(result.Select(r => (string)r!))),
            PyTuple => new PyTuple([.. result]),
            _ => result,
        };
    }
}
