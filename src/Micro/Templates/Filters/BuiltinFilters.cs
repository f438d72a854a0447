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
        f["forceescape"] = (_, v, _) =>
        {
            // Escaping again adds four characters per '&' each time: in a loop the text grows without bound.
            var escaped = Markup.EscapeText(PyOps.AsMarkup(v)?.Value ?? PyOps.Str(v));
            SizeGuard.String(escaped.Length);
            return new Markup(escaped);
        };
        f["safe"] = (_, v, _) => PyOps.AsMarkup(v) ?? new Markup(PyOps.Str(v));
        f["string"] = (_, v, _) => v is Markup ? v : PyOps.Str(v);
        f["upper"] = (_, v, _) => Keep(v, PyString.Upper(PyOps.Str(v)));
        f["lower"] = (_, v, _) => Keep(v, PyOps.Str(v).ToLowerInvariant());
        // Jinja joins the title-cased words with "", so even markup comes out as plain text.
        f["title"] = (_, v, _) => Title(PyOps.Str(v));
        f["capitalize"] = (_, v, _) => Keep(v, PyString.Capitalize(PyOps.Str(v)));
        f["trim"] = (_, v, a) => Keep(v, a.Get(0, "chars") is string chars ? PyOps.Str(v).Trim(chars.ToCharArray()) : PyOps.Str(v).Trim(PyWhitespace));
        f["center"] = (_, v, a) => Keep(v, Center(PyOps.Str(v), PyOps.ToLong(a.Get(0, "width", 80L))));
        f["replace"] = (c, v, a) => ReplaceFilter(c.Autoescape, v, a.Get(0, "old"), a.Get(1, "new"), a.Get(2, "count") is { } n ? PyOps.ToLong(n) : -1);
        f["truncate"] = (_, v, a) => Truncate(v, (int)PyOps.ToLong(a.Get(0, "length", 255L)), PyOps.Truthy(a.Get(1, "killwords", false)), a.Get(2, "end", "..."), a.Get(3, "leeway") is { } l ? (int)PyOps.ToLong(l) : 5);
        f["striptags"] = (_, v, _) => MarkupText.StripTags(PyOps.AsMarkup(v)?.Value ?? PyOps.Str(v));
        f["wordcount"] = (_, v, _) => (long)WordRegex().Matches(PyOps.Str(v)).Count;
        f["format"] = (_, v, a) =>
        {
            // Jinja: soft_str(value) % (kwargs or args), so markup formats as Markup.__mod__ (values escaped).
            if (a.Keywords.Count > 0 && a.Positional.Count > 0)
            {
                throw new JinjaRuntimeException("can't handle positional and keyword arguments at the same time");
            }

            object? args = a.Keywords.Count > 0 ? a.KeywordDictionary().ToDictionary(p => (object)p.Key, p => p.Value) : new PyTuple([.. a.Positional]);
            return v is Markup m ? new Markup(PyOps.PercentFormat(m.Value, args, escape: true)) : PyOps.PercentFormat(PyOps.Str(v), args);
        };
        f["indent"] = (_, v, a) => Indent(v, a.Get(0, "width", 4L), PyOps.Truthy(a.Get(1, "first", false)), PyOps.Truthy(a.Get(2, "blank", false)));
        f["wordwrap"] = (_, v, a) =>
        {
            // The lines are plain text (textwrap builds new strings); a markup wrapstring joins them as Markup.join does.
            var wrapstring = a.Get(2, "wrapstring") ?? "\n";
            var wrapped = WordWrap(PyOps.Str(v), (int)PyOps.ToLong(a.Get(0, "width", 79L)), PyOps.Truthy(a.Get(1, "break_long_words", true)), PyOps.Truthy(a.Get(3, "break_on_hyphens", true)), wrapstring is Markup ? "\n" : PyOps.Str(wrapstring));
            return wrapstring is Markup m ? new Markup(SizeGuard.JoinChecked(m.Value, wrapped.Split('\n').Select(Markup.EscapeText))) : wrapped;
        };
        f["int"] = (_, v, a) => ToInt(v, a.Get(0, "default", 0L), (int)PyOps.ToLong(a.Get(1, "base", 10L)));
        f["float"] = (_, v, a) => ToFloat(v, a.Get(0, "default", 0.0));
        f["abs"] = (_, v, _) => v switch
        {
            long l when l != long.MinValue => Math.Abs(l),
            _ when PyOps.IsInteger(v) => PyOps.Int(BigInteger.Abs(PyOps.ToBig(v))),
            _ => Math.Abs(PyOps.ToDouble(v)),
        };
        f["round"] = (_, v, a) =>
        {
            var precision = (int)PyOps.ToLong(a.Get(0, "precision", 0L));
            var method = PyOps.Str(a.Get(1, "method", "common"));

            // Python's round(int, n) is an int, exact at any size (round half to even for n < 0).
            if (method == "common" && PyOps.IsInteger(v))
            {
                return precision >= 0 ? PyOps.Int(PyOps.ToBig(v)) : RoundInt(PyOps.ToBig(v), -precision);
            }

            return Round(PyOps.ToDouble(v), precision, method);
        };
        f["filesizeformat"] = (_, v, a) => FileSize(PyOps.ToDouble(v), PyOps.Truthy(a.Get(0, "binary", false)));
        RegisterSequences(f);
        RegisterUrlize(f);
        RegisterEncoders(f);
    }

    private static object RoundInt(BigInteger n, int digits)
    {
        var unit = BigInteger.Pow(10, Math.Min(digits, 5000));
        var q = BigInteger.DivRem(n, unit, out var r);
        if (r.Sign < 0)
        {
            q -= 1;
            r += unit;
        }

        var twice = r * 2;
        if (twice > unit || (twice == unit && !q.IsEven))
        {
            q += 1;
        }

        return PyOps.Int(q * unit);
    }

    private static readonly char[] PyWhitespace = [' ', '\t', '\n', '\r', '\f', '\v'];

    private static object Keep(object? original, string result) => original is Markup ? new Markup(result) : result;

    [GeneratedRegex(@"([-\s({\[<]+)")]
    private static partial Regex WordBeginning();

    // Python's \w: letters, every kind of number (² too) and the underscore; .NET's also takes marks.
    [GeneratedRegex(@"[\p{L}\p{N}_]+")]
    private static partial Regex WordRegex();

    public static string Title(string s)
    {
        var sb = new StringBuilder();
        foreach (var item in WordBeginning().Split(s))
        {
            if (item.Length > 0)
            {
                // Jinja: item[0].upper() + item[1:].lower(), so ǅ becomes Ǆ here (str.title() would keep it).
                sb.Append(PyString.Upper(item[..1])).Append(item[1..].ToLowerInvariant());
            }
        }

        return sb.ToString();
    }
}
