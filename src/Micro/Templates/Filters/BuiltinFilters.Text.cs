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

    /// <summary>Python's <c>str.replace(old, new)</c>: every occurrence; an empty <paramref name="old"/> matches between characters.</summary>
    internal static string ReplaceAll(string s, string old, string @new) => Replace(s, old, @new, -1);

    private static string Replace(string s, string old, string @new, long count)
    {
        CheckReplace(s, old, @new, count);
        if (count < 0)
        {
            return old.Length == 0 ? string.Join(@new, s.Select(c => c.ToString()).Prepend("").Append("")) : s.Replace(old, @new, StringComparison.Ordinal);
        }

        var sb = new StringBuilder();
        var i = 0;
        for (var n = 0; n < count; n++)
        {
            var k = s.IndexOf(old, i, StringComparison.Ordinal);
            if (k < 0)
            {
                break;
            }

            sb.Append(s, i, k - i).Append(@new);
            i = k + old.Length;
        }

        return sb.Append(s, i, s.Length - i).ToString();
    }

    private static string Truncate(string s, int length, bool killwords, string end, int leeway)
    {
        SizeGuard.String((long)Math.Min(Math.Max(length, 0), s.Length) + end.Length);
        if (s.Length <= length + leeway)
        {
            return s;
        }

        if (killwords)
        {
            return s[..Math.Max(0, length - end.Length)] + end;
        }

        var head = s[..Math.Max(0, length - end.Length)];
        var space = head.LastIndexOf(' ');
        return (space >= 0 ? head[..space] : head) + end;
    }

    private static string StripTags(string s)
    {
        var stripped = TagRegex().Replace(s, "");
        return string.Join(" ", WebUtility.HtmlDecode(stripped).Split(PyWhitespace, StringSplitOptions.RemoveEmptyEntries));
    }

    private static object Indent(object? value, object? width, bool first, bool blank)
    {
        var spaces = width is string ? 0 : PyOps.ToLong(width);
        SizeGuard.String(spaces);
        var indention = width is string ws ? ws : new string(' ', (int)Math.Max(spaces, 0));
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

    // The length of s with `count` (all when negative) occurrences of `old` replaced, checked before building it.
    private static void CheckReplace(string s, string old, string @new, long count)
    {
        if (@new.Length <= old.Length && old.Length > 0)
        {
            return;
        }

        long n = old.Length == 0 ? s.Length + 1L : CountOf(s, old);
        if (count >= 0)
        {
            n = Math.Min(n, count);
        }

        SizeGuard.String(s.Length + (n * (@new.Length - old.Length)));
    }

    private static long CountOf(string s, string sub)
    {
        var n = 0L;
        for (var i = s.IndexOf(sub, StringComparison.Ordinal); i >= 0; i = s.IndexOf(sub, i + sub.Length, StringComparison.Ordinal))
        {
            n++;
        }

        return n;
    }

    [GeneratedRegex(@"(?<=[^\W\d_]-)(?=[^\W\d_])")]
    private static partial Regex HyphenBreak();

    private static object? ToInt(object? v, object? fallback, int radix)
    {
        try
        {
            switch (v)
            {
                case string s:
                    s = s.Trim().Replace("_", "", StringComparison.Ordinal);
                    if (radix != 10)
                    {
                        if (radix == 16 && s.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
                        {
                            s = s[2..];
                        }

                        return Convert.ToInt64(s, radix);
                    }

                    if (long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
                    {
                        return l;
                    }

                    return (long)double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
                case Markup m:
                    return ToInt(m.Value, fallback, radix);
                case bool b:
                    return b ? 1L : 0L;
                case double d:
                    return (long)Math.Truncate(d);
                default:
                    return PyOps.IsNumber(v) ? (long)Math.Truncate(PyOps.ToDouble(v)) : fallback;
            }
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            return fallback;
        }
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
            return $"{(long)bytes} Bytes";
        }

        var unit = 1.0;
        for (var i = 0; i < prefixes.Length; i++)
        {
            unit = Math.Pow(bas, i + 2);
            if (bytes < unit)
            {
                return (bas * bytes / unit).ToString("0.0", CultureInfo.InvariantCulture) + " " + prefixes[i];
            }
        }

        return (bas * bytes / unit).ToString("0.0", CultureInfo.InvariantCulture) + " " + prefixes[^1];
    }
}
