using System.Globalization;
using System.Net;
using System.Numerics;
using System.Text;
using System.Text.RegularExpressions;
using Micro.Templates.Runtime;

namespace Micro.Templates.Filters;

/// <summary>Jinja 3.1's built-in filters, with the same argument names and defaults. Strings here; sequences and JSON/URL in the other parts.</summary>
internal static partial class BuiltinFilters
{
    public static void Register(IDictionary<string, FilterFunc> f)
    {
        f["default"] = f["d"] = (_, v, a) => v is Undefined || (PyOps.Truthy(a.Get(1, "boolean", false)) && !PyOps.Truthy(v)) ? a.Get(0, "default_value", "") : v;
        f["e"] = f["escape"] = (_, v, _) => PyOps.AsMarkup(v) ?? new Markup(Markup.EscapeText(PyOps.Str(v)));
        f["forceescape"] = (_, v, _) => new Markup(Markup.EscapeText(PyOps.Str(v)));
        f["safe"] = (_, v, _) => PyOps.AsMarkup(v) ?? new Markup(PyOps.Str(v));
        f["string"] = (_, v, _) => v is Markup ? v : PyOps.Str(v);
        f["upper"] = (_, v, _) => Keep(v, PyOps.Str(v).ToUpperInvariant());
        f["lower"] = (_, v, _) => Keep(v, PyOps.Str(v).ToLowerInvariant());
        f["title"] = (_, v, _) => Keep(v, Title(PyOps.Str(v)));
        f["capitalize"] = (_, v, _) => Keep(v, Capitalize(PyOps.Str(v)));
        f["trim"] = (_, v, a) => Keep(v, a.Get(0, "chars") is string chars ? PyOps.Str(v).Trim(chars.ToCharArray()) : PyOps.Str(v).Trim(PyWhitespace));
        f["center"] = (_, v, a) => Center(PyOps.Str(v), PyOps.ToLong(a.Get(0, "width", 80L)));
        f["replace"] = (_, v, a) =>
        {
            var count = a.Get(2, "count") is { } c ? PyOps.ToLong(c) : -1;
            if (v is Markup m)
            {
                // MarkupSafe 3 escapes only the replacement, not the searched text.
                return new Markup(Replace(m.Value, PyOps.Str(a.Get(0, "old")), PyOps.EscapeOrKeep(a.Get(1, "new")), count));
            }

            return Replace(PyOps.Str(v), PyOps.Str(a.Get(0, "old")), PyOps.Str(a.Get(1, "new")), count);
        };
        f["truncate"] = (_, v, a) => Truncate(PyOps.Str(v), (int)PyOps.ToLong(a.Get(0, "length", 255L)), PyOps.Truthy(a.Get(1, "killwords", false)), PyOps.Str(a.Get(2, "end", "...")), a.Get(3, "leeway") is { } l ? (int)PyOps.ToLong(l) : 5);
        f["striptags"] = (_, v, _) => StripTags(PyOps.Str(v));
        f["wordcount"] = (_, v, _) => (long)WordRegex().Matches(PyOps.Str(v)).Count;
        f["format"] = (_, v, a) =>
        {
            object? args = a.Keywords.Count > 0 ? a.KeywordDictionary().ToDictionary(p => (object)p.Key, p => p.Value) : a.Positional.Count == 1 ? a.Positional[0] : new PyTuple([.. a.Positional]);
            if (a.Positional.Count == 1 && a.Positional[0] is PyTuple)
            {
                args = new PyTuple([a.Positional[0]]);
            }

            return v is Markup m ? PyOps.Mod(m, args) : PyOps.PercentFormat(PyOps.Str(v), args);
        };
        f["indent"] = (_, v, a) => Indent(v, a.Get(0, "width", 4L), PyOps.Truthy(a.Get(1, "first", false)), PyOps.Truthy(a.Get(2, "blank", false)));
        f["wordwrap"] = (_, v, a) => WordWrap(PyOps.Str(v), (int)PyOps.ToLong(a.Get(0, "width", 79L)), PyOps.Truthy(a.Get(1, "break_long_words", true)), PyOps.Truthy(a.Get(3, "break_on_hyphens", true)), a.Get(2, "wrapstring") is { } ws ? PyOps.Str(ws) : "\n");
        f["int"] = (_, v, a) => ToInt(v, a.Get(0, "default", 0L), (int)PyOps.ToLong(a.Get(1, "base", 10L)));
        f["float"] = (_, v, a) => ToFloat(v, a.Get(0, "default", 0.0));
        f["abs"] = (_, v, _) => PyOps.IsInteger(v) ? (object)Math.Abs(PyOps.ToLong(v)) : Math.Abs(PyOps.ToDouble(v));
        f["round"] = (_, v, a) => Round(PyOps.ToDouble(v), (int)PyOps.ToLong(a.Get(0, "precision", 0L)), PyOps.Str(a.Get(1, "method", "common")));
        f["filesizeformat"] = (_, v, a) => FileSize(PyOps.ToDouble(v), PyOps.Truthy(a.Get(0, "binary", false)));
        RegisterSequences(f);
        RegisterEncoders(f);
    }

    private static readonly char[] PyWhitespace = [' ', '\t', '\n', '\r', '\f', '\v'];

    private static object Keep(object? original, string result) => original is Markup ? new Markup(result) : result;

    [GeneratedRegex(@"([-\s({\[<]+)")]
    private static partial Regex WordBeginning();

    [GeneratedRegex(@"\w+")]
    private static partial Regex WordRegex();

    [GeneratedRegex(@"(<!--.*?-->|<[^>]*>)", RegexOptions.Singleline)]
    private static partial Regex TagRegex();

    [GeneratedRegex(@"\s+")]
    private static partial Regex SpaceRegex();

    public static string Title(string s)
    {
        var sb = new StringBuilder();
        foreach (var item in WordBeginning().Split(s))
        {
            if (item.Length > 0)
            {
                sb.Append(char.ToUpperInvariant(item[0])).Append(item[1..].ToLowerInvariant());
            }
        }

        return sb.ToString();
    }

    public static string Capitalize(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..].ToLowerInvariant();

    /// <summary>Python's <c>str.format</c> for <c>{}</c>, <c>{0}</c> and <c>{name}</c> fields.</summary>
    public static string StrFormat(string fmt, Arguments a)
    {
        var sb = new StringBuilder();
        var auto = 0;
        for (var i = 0; i < fmt.Length; i++)
        {
            var c = fmt[i];
            if (c == '{' && i + 1 < fmt.Length && fmt[i + 1] == '{')
            {
                sb.Append('{');
                i++;
            }
            else if (c == '}' && i + 1 < fmt.Length && fmt[i + 1] == '}')
            {
                sb.Append('}');
                i++;
            }
            else if (c == '{')
            {
                var close = fmt.IndexOf('}', i);
                var field = fmt[(i + 1)..close];
                var colon = field.IndexOf(':', StringComparison.Ordinal);
                if (colon >= 0)
                {
                    field = field[..colon];
                }

                var value = field.Length == 0 ? a.Positional[auto++]
                    : int.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out var idx) ? a.Positional[idx]
                    : a.Get(-1, field);
                var text = PyOps.Str(value);
                SizeGuard.String((long)sb.Length + text.Length + fmt.Length);
                sb.Append(text);
                i = close;
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }
}
