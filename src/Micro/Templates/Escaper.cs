using System.Buffers;
using System.Globalization;
using System.Text;
using Micro.Templates.Runtime;

namespace Micro.Templates;

/// <summary>
/// Every escaping the template engine does, in one place, each exactly as its Python original: HTML as MarkupSafe
/// (<c>&amp; &lt; &gt; &amp;#34; &amp;#39;</c>), JSON strings as <c>json.dumps</c> (ASCII only, for <c>tojson</c>), a
/// string's <c>repr()</c> as Python prints it, and the backslash escapes of a Python string literal (Jinja's lexer).
/// </summary>
internal static class Escaper
{
    private static readonly SearchValues<char> s_html = SearchValues.Create("&<>\"'");

    /// <summary>The index of the first character MarkupSafe escapes, or -1.</summary>
    public static int IndexOfHtmlSpecial(ReadOnlySpan<char> s) => s.IndexOfAny(s_html);

    /// <summary>MarkupSafe's replacement for one of <c>&amp; &lt; &gt; " '</c>.</summary>
    public static string HtmlEntity(char c) => c switch
    {
        '&' => "&amp;",
        '<' => "&lt;",
        '>' => "&gt;",
        '"' => "&#34;",
        _ => "&#39;",
    };

    /// <summary>Escapes <paramref name="s"/> for HTML as MarkupSafe does; returns <paramref name="s"/> itself when nothing needs escaping.</summary>
    public static string Html(string s)
    {
        var first = IndexOfHtmlSpecial(s);
        if (first < 0)
        {
            return s;
        }

        var sb = new StringBuilder(s.Length + 16);
        sb.Append(s, 0, first);
        for (var i = first; i < s.Length; i++)
        {
            var c = s[i];
            if (c is '&' or '<' or '>' or '"' or '\'')
            {
                sb.Append(HtmlEntity(c));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// Appends <paramref name="s"/> as a JSON string the way Python's <c>json.dumps</c> writes it (<c>ensure_ascii</c>:
    /// every character outside printable ASCII as <c>\uXXXX</c>), checking the size limit as it grows (escaped, a
    /// string can be six times as long: <c>s|tojson|tojson|...</c> multiplies it).
    /// </summary>
    public static void AppendJson(StringBuilder sb, string s)
    {
        var limit = SizeGuard.Limit;
        sb.Append('"');
        foreach (var c in s)
        {
            if (sb.Length > limit)
            {
                SizeGuard.String(sb.Length);
            }

            if (Short(c, json: true) is { } escape)
            {
                sb.Append('\\').Append(escape);
            }
            else if (c < 0x20 || c > 0x7e)
            {
                sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append(c);
            }
        }

        sb.Append('"');
    }

    /// <summary>Appends Python's <c>repr()</c> of the string <paramref name="s"/>: quoted with <c>'</c> unless it holds a <c>'</c> and no <c>"</c>.</summary>
    public static void AppendPythonRepr(StringBuilder sb, string s)
    {
        var quote = s.Contains('\'', StringComparison.Ordinal) && !s.Contains('"', StringComparison.Ordinal) ? '"' : '\'';
        sb.Append(quote);
        foreach (var c in s)
        {
            if (c == quote)
            {
                sb.Append('\\').Append(c);
            }
            else if (Short(c, json: false) is { } escape)
            {
                sb.Append('\\').Append(escape);
            }
            else if (c < 0x20 || c == 0x7f)
            {
                sb.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append(c);
            }
        }

        sb.Append(quote);
    }

    /// <summary>
    /// The character a one-letter backslash escape of a Python string literal stands for (<c>\n</c>, <c>\t</c>,
    /// <c>\\</c>, <c>\'</c>, ...), or null for one that is not (<c>\x</c>, <c>\u</c> and unknown escapes are the lexer's).
    /// </summary>
    public static char? PythonLiteral(char escape) => escape switch
    {
        'n' => '\n',
        't' => '\t',
        'r' => '\r',
        '0' => '\0',
        'a' => '\a',
        'b' => '\b',
        'f' => '\f',
        'v' => '\v',
        '\\' => '\\',
        '\'' => '\'',
        '"' => '"',
        _ => null,
    };

    // The one-letter escape JSON (json.dumps) or Python's repr() writes for c, or null: both write \\ \n \r \t;
    // JSON also \" \b \f (repr writes \x08 \x0c, and escapes only the quote it chose).
    private static char? Short(char c, bool json) => c switch
    {
        '\\' => '\\',
        '\n' => 'n',
        '\r' => 'r',
        '\t' => 't',
        '"' when json => '"',
        '\b' when json => 'b',
        '\f' when json => 'f',
        _ => null,
    };
}
