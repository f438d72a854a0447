using System.Globalization;
using System.Net;
using System.Numerics;
using System.Text;
using System.Text.RegularExpressions;
using Micro.Templates.Runtime;

namespace Micro.Templates.Filters;

/// <content>The text-shaping helpers behind the string filters.</content>
internal static partial class BuiltinFilters
{
    private static string Center(string s, long width)
    {
        if (s.Length >= width)
        {
            return s;
        }

        SizeGuard.String(width);

        // Python puts the extra space on the right unless the width and length are both odd.
        var total = (int)width - s.Length;
        var left = (total / 2) + (total & (int)width & 1);
        return new string(' ', left) + s + new string(' ', total - left);
    }

    // Jinja's do_replace: without autoescape plain text; with it, markup in the value, the searched text or
    // the replacement makes the result markup (the value is escaped first unless it is markup already) and
    // MarkupSafe's replace escapes the replacement unless it is markup.
    private static object ReplaceFilter(bool autoescape, object? value, object? old, object? @new, long count)
    {
        if (!autoescape)
        {
            return Replace(PyOps.Str(value), PyOps.Str(old), PyOps.Str(@new), count);
        }

        var s = PyOps.AsMarkup(old) is not null || (PyOps.AsMarkup(@new) is not null && PyOps.AsMarkup(value) is null)
            ? new Markup(PyOps.EscapeOrKeep(value))
            : value as Markup;
        if (s is null)
        {
            return Replace(PyOps.Str(value), PyOps.Str(old), PyOps.Str(@new), count);
        }

        // soft_str(new): only a Markup replacement stays markup; anything else (IHtmlContent too) is text.
        return new Markup(Replace(s.Value, PyOps.Str(old), @new is Markup m ? m.Value : Markup.EscapeText(PyOps.Str(@new)), count));
    }

    // str.replace: Python-exact (an empty `old` with a count inserts before the first characters) and checked against
    // the size limit before the result is built.
    private static string Replace(string s, string old, string @new, long count) => PyString.Replace(s, old, @new, count);

    // Markup stays markup: its slice is markup and the end is added with Markup's + (escaped unless markup).
    private static object? Truncate(object? value, int length, bool killwords, object? end, int leeway)
    {
        var s = PyOps.Str(value);
        if (s.Length <= length + leeway)
        {
            return value is Markup ? value : s;
        }

        var endLength = PyOps.Str(end).Length;
        // The head and the end: never longer than the value or the end (Add checks the escaped end again).
        SizeGuard.String((long)Math.Max(0, length - endLength) + endLength);
        var head = s[..Math.Max(0, length - endLength)];
        if (!killwords)
        {
            var space = head.LastIndexOf(' ');
            head = space >= 0 ? head[..space] : head;
        }

        return PyOps.Add(value is Markup ? new Markup(head) : head, end);
    }

    private static object Indent(object? value, object? width, bool first, bool blank)
    {
        if (value is not Markup && width is Markup markupWidth)
        {
            return IndentWithMarkup(PyOps.Str(value), markupWidth.Value, first, blank);
        }

        var spaces = width is string or Markup ? 0 : PyOps.ToLong(width);
        SizeGuard.String(spaces);
        var indention = width is string or Markup ? PyOps.Str(width) : new string(' ', (int)Math.Max(spaces, 0));
        var s = PyOps.Concat(PyOps.Str(value), "\n");
        var lines = SplitLines(s);
        SizeGuard.String(s.Length + ((long)lines.Count * (indention.Length + 1)));
        string rv;
        if (blank)
        {
            rv = string.Join("\n" + indention, lines);
        }
        else
        {
            rv = lines.Count > 0 ? lines[0] : "";
            if (lines.Count > 1)
            {
                rv += "\n" + string.Join("\n", lines.Skip(1).Select(l => l.Length > 0 ? indention + l : l));
            }
        }

        if (first)
        {
            rv = indention + rv;
        }

        return Keep(value, rv);
    }

    // Jinja's indent on plain text with a markup indent: `indention + line` is Markup's + (the line is
    // escaped), but the lines are joined with a plain "\n" into plain text, which output escapes again.
    private static object IndentWithMarkup(string s, string indention, bool first, bool blank)
    {
        var lines = SplitLines(PyOps.Concat(s, "\n"));

        // As in Indent: every line may get the indent (escaping the lines only multiplies what is there already).
        SizeGuard.String(s.Length + 1 + ((long)lines.Count * (indention.Length + 1)));
        if (blank)
        {
            var joined = new Markup(string.Join("\n" + indention, lines.Select(Markup.EscapeText)));
            return first ? new Markup(indention + joined.Value) : joined;
        }

        var rv = lines.Count > 0 ? lines[0] : "";
        if (lines.Count > 1)
        {
            rv += "\n" + string.Join("\n", lines.Skip(1).Select(l => l.Length > 0 ? indention + Markup.EscapeText(l) : l));
        }

        return first ? new Markup(indention + Markup.EscapeText(rv)) : rv;
    }

    // Python's str.splitlines() for \n-normalised text.
    private static List<string> SplitLines(string s)
    {
        var lines = s.Split('\n').ToList();
        if (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines;
    }

    // Python's textwrap.wrap as Jinja calls it (no tab expansion, whitespace kept inside lines,
    // dropped at line ends and at the start of every line but the first), one paragraph per line.
    // Lines are written straight into the result, checked against the size limit as they go: a chunk is
    // an offset into the paragraph, not a string, so wrapping costs a few bytes per chunk, not a string each.
    private static string WordWrap(string s, int width, bool breakLong, bool breakOnHyphens, string wrapstring)
    {
        var sb = new StringBuilder();
        var ends = new List<int>();
        var spaces = new List<bool>();
        var first = true;
        foreach (var paragraph in SplitLines(s))
        {
            if (!first)
            {
                Append(sb, wrapstring);
            }

            first = false;
            Wrap(sb, paragraph, width, breakLong, breakOnHyphens, wrapstring, ends, spaces);
        }

        return sb.ToString();
    }

    private static void Append(StringBuilder sb, ReadOnlySpan<char> text)
    {
        SizeGuard.String((long)sb.Length + text.Length);
        sb.Append(text);
    }

    private static void Wrap(StringBuilder sb, string text, int width, bool breakLong, bool breakOnHyphens, string wrapstring, List<int> ends, List<bool> spaces)
    {
        // Chunks as textwrap splits them: runs of whitespace and words (words split after hyphens), each
        // given by where it ends; they tile the paragraph.
        ends.Clear();
        spaces.Clear();
        var pos = 0;
        foreach (var m in WhitespaceChunks().EnumerateMatches(text))
        {
            AddWord(text, pos, m.Index, breakOnHyphens, ends, spaces);
            ends.Add(m.Index + m.Length);
            spaces.Add(true);
            pos = m.Index + m.Length;
        }

        AddWord(text, pos, text.Length, breakOnHyphens, ends, spaces);

        // The greedy loop of textwrap, over chunk k starting at `start` (a long word broken in two leaves its rest).
        var k = 0;
        var start = 0;
        var lines = 0;
        while (k < ends.Count)
        {
            if (spaces[k] && lines > 0)
            {
                start = ends[k++];
            }

            var lineStart = start;
            var length = 0;
            var lastStart = -1;
            var lastIsSpace = false;
            while (k < ends.Count && length + (ends[k] - start) <= width)
            {
                length += ends[k] - start;
                (lastStart, lastIsSpace) = (start, spaces[k]);
                start = ends[k++];
            }

            if (k < ends.Count && ends[k] - start > width)
            {
                if (breakLong)
                {
                    var room = Math.Max(width - length, 1);
                    length += room;
                    (lastStart, lastIsSpace) = (start, spaces[k]);
                    start += room;
                }
                else if (length == 0)
                {
                    length = ends[k] - start;
                    (lastStart, lastIsSpace) = (start, spaces[k]);
                    start = ends[k++];
                }
            }

            if (lastIsSpace)
            {
                // Whitespace at the end of a line is dropped.
                length = lastStart - lineStart;
            }

            if (length > 0)
            {
                if (lines > 0)
                {
                    Append(sb, wrapstring);
                }

                Append(sb, text.AsSpan(lineStart, length));
                lines++;
            }
        }
    }

    private static void AddWord(string text, int start, int end, bool breakOnHyphens, List<int> ends, List<bool> spaces)
    {
        if (end <= start)
        {
            return;
        }

        if (breakOnHyphens)
        {
            foreach (var m in HyphenBreak().EnumerateMatches(text.AsSpan(start, end - start)))
            {
                if (m.Index > 0 && m.Index < end - start)
                {
                    ends.Add(start + m.Index);
                    spaces.Add(false);
                }
            }
        }

        ends.Add(end);
        spaces.Add(false);
    }

    [GeneratedRegex(@"(\s+)")]
    private static partial Regex WhitespaceChunks();

    [GeneratedRegex(@"(?<=[^\W\d_]-)(?=[^\W\d_])")]
    private static partial Regex HyphenBreak();

    // Jinja's do_int: int(value, base) for text, int(value) otherwise, then int(float(value)) ("42.23"|int is 42),
    // else the default. Any size: "12345678901234567890"|int is exact.
    private static object? ToInt(object? v, object? fallback, int radix)
    {
        switch (v)
        {
            case string or Markup:
                var s = PyOps.Str(v).Trim().Replace("_", "", StringComparison.Ordinal);
                if (radix == 10 ? PyOps.TryParseInt(s, out var n) : TryParseRadix(s, radix, out n))
                {
                    return n;
                }

                return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? PyOps.FloatToInt(d) : fallback;
            case bool b:
                return b ? 1L : 0L;
            case double or float or decimal:
                var x = PyOps.ToDouble(v);
                return double.IsFinite(x) ? PyOps.FloatToInt(x) : fallback;
            default:
                return PyOps.IsInteger(v) ? PyOps.Normalize(v) : fallback;
        }
    }

    // int(text, base) for bases 2 to 36, with Python's optional 0x/0o/0b prefix for bases 16, 8 and 2.
    private static bool TryParseRadix(string s, int radix, out object? value)
    {
        value = null;
        if (radix is < 2 or > 36)
        {
            return false;
        }

        var negative = s.StartsWith('-');
        if (s.StartsWith('-') || s.StartsWith('+'))
        {
            s = s[1..];
        }

        if (s.Length > 2 && s[0] == '0' && char.ToLowerInvariant(s[1]) == radix switch { 16 => 'x', 8 => 'o', 2 => 'b', _ => '\0' })
        {
            s = s[2..];
        }

        if (s.Length == 0 || s.Length > 4300)
        {
            return false;
        }

        var n = BigInteger.Zero;
        foreach (var c in s)
        {
            var digit = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiLetter(c) ? char.ToLowerInvariant(c) - 'a' + 10 : 99;
            if (digit >= radix)
            {
                return false;
            }

            n = (n * radix) + digit;
        }

        value = PyOps.Int(negative ? -n : n);
        return true;
    }

    private static object? ToFloat(object? v, object? fallback)
    {
        if (v is string or Markup)
        {
            return double.TryParse(PyOps.Str(v).Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : fallback;
        }

        return PyOps.IsNumber(v) || v is bool ? PyOps.ToDouble(v) : fallback;
    }

    private static double Round(double v, int precision, string method)
    {
        var scale = Math.Pow(10, precision);
        return method switch
        {
            "ceil" => Math.Ceiling(v * scale) / scale,
            "floor" => Math.Floor(v * scale) / scale,
            "common" => PyRound(v, precision),
            _ => throw new JinjaRuntimeException("method must be common, ceil or floor"),
        };
    }

    // Python's round(): half-even on the exact binary value (round(2.675, 2) == 2.67), which
    // Math.Round does not give because it scales the already-rounded double first.
    private static double PyRound(double v, int digits)
    {
        if (double.IsNaN(v) || double.IsInfinity(v) || v == 0 || digits > 300 || digits < -300)
        {
            return v;
        }

        var bits = BitConverter.DoubleToInt64Bits(v);
        var negative = bits < 0;
        var exponent = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (exponent == 0)
        {
            exponent = 1;
        }
        else
        {
            mantissa |= 1L << 52;
        }

        exponent -= 1075;
        BigInteger numerator = mantissa;
        BigInteger denominator = BigInteger.One;
        if (exponent > 0)
        {
            numerator <<= exponent;
        }
        else
        {
            denominator <<= -exponent;
        }

        if (digits >= 0)
        {
            numerator *= BigInteger.Pow(10, digits);
        }
        else
        {
            denominator *= BigInteger.Pow(10, -digits);
        }

        var quotient = BigInteger.DivRem(numerator, denominator, out var remainder);
        var twice = remainder * 2;
        if (twice > denominator || (twice == denominator && !quotient.IsEven))
        {
            quotient += 1;
        }

        var result = double.Parse(quotient.ToString(CultureInfo.InvariantCulture) + "e" + (-digits).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return negative ? -result : result;
    }

    private static string FileSize(double bytes, bool binary)
    {
        var bas = binary ? 1024.0 : 1000.0;
        string[] prefixes = binary ? ["KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"] : ["kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"];
        if (bytes == 1)
        {
            return "1 Byte";
        }

        if (bytes < bas)
        {
            return $"{PyOps.Str(PyOps.FloatToInt(bytes))} Bytes";
        }

        var unit = 1.0;
        for (var i = 0; i < prefixes.Length; i++)
        {
            unit = Math.Pow(bas, i + 2);
            if (bytes < unit)
            {
                return PyFormat.FormatValue(bas * bytes / unit, ".1f") + " " + prefixes[i];
            }
        }

        return PyFormat.FormatValue(bas * bytes / unit, ".1f") + " " + prefixes[^1];
    }
}
