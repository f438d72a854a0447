using System.Globalization;
using System.Text;
using Micro.Templates.Runtime;

namespace Micro.Templates.Filters;

/// <content>tojson, urlencode and xmlattr.</content>
internal static partial class BuiltinFilters
{
    private static void RegisterEncoders(IDictionary<string, FilterFunc> f)
    {
        f["tojson"] = (_, v, a) =>
        {
            var indent = a.Get(0, "indent") is { } i ? (int?)Math.Clamp(PyOps.ToLong(i), 0, int.MaxValue) : null;
            var json = Json(v, indent).Replace("<", "\\u003c", StringComparison.Ordinal).Replace(">", "\\u003e", StringComparison.Ordinal)
                .Replace("&", "\\u0026", StringComparison.Ordinal).Replace("'", "\\u0027", StringComparison.Ordinal);

            // The replacements make each of these characters six.
            SizeGuard.String(json.Length);
            return new Markup(json);
        };
        f["urlencode"] = (_, v, _) =>
        {
            if (v is string or Markup || v is not System.Collections.IEnumerable)
            {
                // Quoting can make a text nine times as long, and '%' grows by two each time it is quoted again.
                var quoted = UrlQuote(PyOps.Str(v), forQuery: false);
                SizeGuard.String(quoted.Length);
                return quoted;
            }

            var pairs = PyAccess.AsMapping(v) is { } map ? map.Select(p => (p.Key, p.Value)) : PyOps.Iterate(v).Select(t => (PyAccess.GetItem(t, 0L), PyAccess.GetItem(t, 1L)));
            return SizeGuard.JoinChecked("&", pairs.Select(p => UrlQuote(PyOps.Str(p.Item1), true) + "=" + UrlQuote(PyOps.Str(p.Item2), true)));
        };
        f["xmlattr"] = (c, v, a) =>
        {
            var autospace = PyOps.Truthy(a.Get(0, "autospace", true));
            var parts = new List<string>();
            foreach (var (k, val) in PyAccess.AsMapping(v) ?? [])
            {
                if (val is null or Undefined)
                {
                    continue;
                }

                parts.Add($"{AttributeName(k)}=\"{PyOps.EscapeOrKeep(val)}\"");
            }

            var rv = string.Join(" ", parts);
            rv = autospace && rv.Length > 0 ? " " + rv : rv;
            return c.Autoescape ? new Markup(rv) : rv;
        };
    }

    // Jinja 3.1.4+ (CVE-2024-22195, CVE-2024-34064): a key with white space, '/', '>' or '=' would end the
    // attribute name and start another attribute or close the tag, so it is an error, never escaped.
    private static string AttributeName(object? key)
    {
        var name = key switch
        {
            string s => s,
            Markup m => m.Value,
            _ => throw new JinjaRuntimeException($"xmlattr: attribute names must be strings, got '{PyOps.TypeName(key)}'"),
        };
        if (name.AsSpan().IndexOfAny(InvalidAttributeNameChars) >= 0)
        {
            throw new JinjaRuntimeException($"Invalid character in attribute name: {PyOps.Repr(key)}");
        }

        return PyOps.EscapeOrKeep(key);
    }

    // Python's re.ASCII \s ([ \t\n\r\f\v]) and "/", ">", "=".
    private static readonly System.Buffers.SearchValues<char> InvalidAttributeNameChars = System.Buffers.SearchValues.Create(" \t\n\r\f\v/>=");

    // Python's quote(s, safe="/") for strings and quote_plus(s, safe="") for query items, as Jinja's urlencode uses.
    private static string UrlQuote(string s, bool forQuery) =>
        Routing.UrlEncoding.Quote(s, forQuery ? "" : "/", plus: forQuery);

    /// <summary>Python's <c>json.dumps(v, sort_keys=True)</c> (ASCII output, <c>", "</c> and <c>": "</c> separators).</summary>
    internal static string Json(object? v, int? indent)
    {
        var sb = new StringBuilder();
        WriteJson(sb, v, indent, 0);
        return sb.ToString();
    }

    private static void WriteJson(StringBuilder sb, object? v, int? indent, int level)
    {
        if (sb.Length > SizeGuard.Limit)
        {
            SizeGuard.String(sb.Length);
        }

        switch (v)
        {
            case null or Undefined:
                sb.Append("null");
                return;
            case bool b:
                sb.Append(b ? "true" : "false");
                return;
            case string or Markup or char:
                JsonString(sb, PyOps.Str(v));
                return;
            case double d:
                sb.Append(double.IsNaN(d) ? "NaN" : double.IsInfinity(d) ? (d > 0 ? "Infinity" : "-Infinity") : PyOps.FloatRepr(d));
                return;
        }

        if (PyOps.IsNumber(v))
        {
            sb.Append(PyOps.Str(PyOps.Normalize(v)));
            return;
        }

        var map = PyAccess.AsMapping(v);
        if (map is null && v is not System.Collections.IEnumerable && v is not Namespace)
        {
            var members = MemberAccess.Members(v.GetType());
            map = members.Select(m => new KeyValuePair<object?, object?>(m.Key, m.Value(v)));
        }

        StackGuard.EnsureData(level, "the value converted to JSON");
        if (map is not null)
        {
            var entries = map.OrderBy(p => PyOps.Str(p.Key), StringComparer.Ordinal).ToList();
            sb.Append('{');
            for (var i = 0; i < entries.Count; i++)
            {
                sb.Append(i > 0 ? (indent is null ? ", " : ",") : "");
                NewLine(sb, indent, level + 1);
                JsonString(sb, PyOps.Str(entries[i].Key));
                sb.Append(": ");
                WriteJson(sb, entries[i].Value, indent, level + 1);
            }

            if (entries.Count > 0)
            {
                NewLine(sb, indent, level);
            }

            sb.Append('}');
            return;
        }

        var items = PyOps.ToList(v);
        sb.Append('[');
        for (var i = 0; i < items.Count; i++)
        {
            sb.Append(i > 0 ? (indent is null ? ", " : ",") : "");
            NewLine(sb, indent, level + 1);
            WriteJson(sb, items[i], indent, level + 1);
        }

        if (items.Count > 0)
        {
            NewLine(sb, indent, level);
        }

        sb.Append(']');
    }

    private static void NewLine(StringBuilder sb, int? indent, int level)
    {
        if (indent is { } n)
        {
            SizeGuard.String(sb.Length + 1 + ((long)n * level));
            sb.Append('\n').Append(' ', n * level);
        }
    }

    private static void JsonString(StringBuilder sb, string s) => Escaper.AppendJson(sb, s);
}
