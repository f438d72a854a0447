using System.Globalization;
using System.Text;

namespace Micro.Routing;

/// <summary>Percent-encoding exactly as Python's <c>urllib.parse.quote</c> with Werkzeug's safe sets.</summary>
internal static class UrlEncoding
{
    // https://url.spec.whatwg.org/#url-path-segment-string, as Werkzeug passes it to quote().
    public const string PathSafe = "!$&'()*+,/:;=@";

    // Werkzeug's _urlencode safe set for query strings.
    public const string QuerySafe = "!$'()*,/:;?@";

    // Flask's url_for safe set for the #anchor.
    public const string AnchorSafe = "%!#$&'()*+,/:;=?@";

    public static string QuotePath(string value) => Quote(value, PathSafe, plus: false);

    public static string Quote(string value, string safe, bool plus)
    {
        StringBuilder? builder = null;
        Span<byte> bytes = stackalloc byte[8];
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c < 128 && (char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' or '~' || safe.Contains(c)))
            {
                builder?.Append(c);
                continue;
            }

            builder ??= new StringBuilder(value.Length + 16).Append(value, 0, i);
            if (plus && c == ' ')
            {
                builder.Append('+');
                continue;
            }

            var length = char.IsHighSurrogate(c) && i + 1 < value.Length ? 2 : 1;
            var written = Encoding.UTF8.GetBytes(value.AsSpan(i, length), bytes);
            for (var b = 0; b < written; b++)
            {
                builder.Append('%').Append(bytes[b].ToString("X2", CultureInfo.InvariantCulture));
            }

            i += length - 1;
        }

        return builder?.ToString() ?? value;
    }

    /// <summary>Python's <c>urlencode(items, safe=...)</c> (quote_plus) as Werkzeug's <c>_urlencode</c> calls it.</summary>
    public static string EncodeQuery(IEnumerable<KeyValuePair<string, object?>> items)
    {
        var builder = new StringBuilder();
        foreach (var (key, value) in items)
        {
            foreach (var single in Flatten(value))
            {
                if (single is null)
                {
                    continue;
                }

                if (builder.Length > 0)
                {
                    builder.Append('&');
                }

                builder.Append(Quote(key, QuerySafe, plus: true)).Append('=').Append(Quote(PythonString(single), QuerySafe, plus: true));
            }
        }

        return builder.ToString();
    }

    private static IEnumerable<object?> Flatten(object? value) =>
        value is System.Collections.IEnumerable sequence and not string ? sequence.Cast<object?>() : [value];

    /// <summary>Python's <c>str()</c> of the common value types.</summary>
    public static string PythonString(object value) => value switch
    {
        string text => text,
        bool flag => flag ? "True" : "False",
        double number => PythonFormat.Float(number),
        float number => PythonFormat.Float(number),
        Guid guid => guid.ToString("D"),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>Decodes %XX escapes as UTF-8, replacing invalid sequences with U+FFFD as a WSGI server does.</summary>
    public static string PercentDecode(ReadOnlySpan<char> value)
    {
        if (value.IndexOf('%') < 0)
        {
            return value.ToString();
        }

        var bytes = new byte[Encoding.UTF8.GetMaxByteCount(value.Length)];
        var count = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '%' && i + 2 < value.Length && char.IsAsciiHexDigit(value[i + 1]) && char.IsAsciiHexDigit(value[i + 2]))
            {
                bytes[count++] = (byte)((HexValue(value[i + 1]) << 4) | HexValue(value[i + 2]));
                i += 2;
            }
            else
            {
                count += Encoding.UTF8.GetBytes(value.Slice(i, char.IsHighSurrogate(c) && i + 1 < value.Length ? 2 : 1), bytes.AsSpan(count));
                if (char.IsHighSurrogate(c) && i + 1 < value.Length)
                {
                    i++;
                }
            }
        }

        return Encoding.UTF8.GetString(bytes, 0, count);
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
