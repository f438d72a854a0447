using System.Globalization;
using System.Net;
using System.Text;
using Micro.Templates.Runtime;

namespace Micro.Templates;

/// <summary>MarkupSafe 3's <c>Markup.striptags()</c> and <c>Markup.unescape()</c> over HTML text.</summary>
internal static class MarkupText
{
    /// <summary>
    /// Removes comments, then tags, as MarkupSafe 3 does (an unclosed <c>&lt;!--</c> or <c>&lt;</c> stops the
    /// removal), collapses white space to single spaces and unescapes the result: plain text.
    /// </summary>
    public static string StripTags(string html)
    {
        var text = RemoveSpans(RemoveSpans(html, "<!--", "-->"), "<", ">");
        return Unescape(string.Join(' ', PyString.Split(text, null, -1)));
    }

    // Python's loop `while (start := v.find(open)) != -1: end = v.find(close, start); v = v[:start] + v[end + len(close):]`,
    // in linear time: the text is `head` (kept so far) followed by s[j..]; a removal can join a new `open`
    // across the seam, so each search restarts a few characters before it.
    private static string RemoveSpans(string s, string open, string close)
    {
        var head = new StringBuilder(s.Length);
        var j = 0;
        var from = 0;
        while (true)
        {
            var start = Find(head, s, j, open, from);
            if (start < 0)
            {
                break;
            }

            var end = Find(head, s, j, close, start);
            if (end < 0)
            {
                break;
            }

            var cut = end + close.Length;
            var kept = head.Length;
            if (cut <= kept)
            {
                head.Remove(start, cut - start);
            }
            else
            {
                if (start <= kept)
                {
                    head.Length = start;
                }
                else
                {
                    head.Append(s, j, start - kept);
                }

                j += cut - kept;
            }

            from = Math.Max(0, start - (open.Length - 1));
        }

        return head.Append(s, j, s.Length - j).ToString();
    }

    // The first index ≥ from of `pattern` in head + s[j..], or -1.
    private static int Find(StringBuilder head, string s, int j, string pattern, int from)
    {
        var kept = head.Length;
        for (var p = from; p < kept; p++)
        {
            var q = 0;
            for (; q < pattern.Length; q++)
            {
                var at = p + q;
                var c = at < kept ? head[at] : j + at - kept < s.Length ? s[j + at - kept] : '\0';
                if (c != pattern[q] || (at >= kept && j + at - kept >= s.Length))
                {
                    break;
                }
            }

            if (q == pattern.Length)
            {
                return p;
            }
        }

        var k = s.IndexOf(pattern, j + Math.Max(0, from - kept), StringComparison.Ordinal);
        return k < 0 ? -1 : kept + (k - j);
    }

    /// <summary>
    /// Python's <c>html.unescape</c> for character references (with its rules for invalid code points) and
    /// for named entities written with their semicolon.
    /// </summary>
    public static string Unescape(string s)
    {
        var amp = s.IndexOf('&', StringComparison.Ordinal);
        if (amp < 0)
        {
            return s;
        }

        var sb = new StringBuilder(s.Length);
        sb.Append(s, 0, amp);
        var i = amp;
        while (i < s.Length)
        {
            if (s[i] != '&')
            {
                sb.Append(s[i++]);
                continue;
            }

            var consumed = Reference(s, i + 1, sb);
            if (consumed == 0)
            {
                sb.Append('&');
                i++;
            }
            else
            {
                i += 1 + consumed;
            }
        }

        return sb.ToString();
    }

    // Appends the character(s) for the reference at s[at..] (after '&') and returns its length, or 0.
    private static int Reference(string s, int at, StringBuilder sb)
    {
        if (at < s.Length && s[at] == '#')
        {
            var hex = at + 1 < s.Length && s[at + 1] is 'x' or 'X';
            var start = at + (hex ? 2 : 1);
            var end = start;
            while (end < s.Length && (hex ? char.IsAsciiHexDigit(s[end]) : char.IsAsciiDigit(s[end])))
            {
                end++;
            }

            if (end == start)
            {
                return 0;
            }

            var digits = s[start..end];
            var big = System.Numerics.BigInteger.Parse((hex ? "0" : "") + digits, hex ? NumberStyles.AllowHexSpecifier : NumberStyles.None, CultureInfo.InvariantCulture);
            sb.Append(CharRef(big > 0x10FFFF ? 0x110000 : (int)big));
            return end - at + (end < s.Length && s[end] == ';' ? 1 : 0);
        }

        var nameEnd = at;
        while (nameEnd < s.Length && nameEnd - at < 32 && s[nameEnd] is not ('\t' or '\n' or '\f' or ' ' or '<' or '&' or '#' or ';'))
        {
            nameEnd++;
        }

        if (nameEnd == at || nameEnd >= s.Length || s[nameEnd] != ';')
        {
            return 0;
        }

        var entity = s[(at - 1)..(nameEnd + 1)];
        var decoded = WebUtility.HtmlDecode(entity);
        if (decoded == entity)
        {
            return 0;
        }

        sb.Append(decoded);
        return nameEnd + 1 - at;
    }

    // html.unescape's rules: NUL, surrogates and out-of-range become U+FFFD, C1 controls are read as
    // Windows-1252, other invalid code points vanish.
    private static string CharRef(int n)
    {
        if (n == 0 || n is >= 0xD800 and <= 0xDFFF || n > 0x10FFFF)
        {
            return "\uFFFD";
        }

        if (n is >= 0x80 and <= 0x9F)
        {
            return (Windows1252[n - 0x80] is var c and not '\0' ? c : (char)n).ToString();
        }

        if (n is >= 0x1 and <= 0x8 or 0xB or >= 0xE and <= 0x1F or 0x7F or >= 0xFDD0 and <= 0xFDEF || (n & 0xFFFE) == 0xFFFE)
        {
            return "";
        }

        return char.ConvertFromUtf32(n);
    }

    private const string Windows1252 =
        "\u20AC\0\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\0\u017D\0" +
        "\0\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\0\u017E\u0178";
}
