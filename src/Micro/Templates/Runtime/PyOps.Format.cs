using System.Globalization;
using System.Text;

namespace Micro.Templates.Runtime;

/// <content>printf-style formatting: <c>'%s' % value</c> and the <c>format</c> filter.</content>
internal static partial class PyOps
{
    /// <summary>
    /// printf-style <c>'%s' % value</c> with s, d, i, f, r, x, o, e, g and %%. With <paramref name="escape"/> it
    /// is MarkupSafe's <c>Markup.__mod__</c>: every <c>%s</c> and <c>%r</c> value is escaped unless it is markup.
    /// </summary>
    public static string PercentFormat(string fmt, object? args, bool escape = false)
    {
        var values = args is PyTuple t ? t.Items : [args];
        var mapping = PyAccess.AsMapping(args);
        var sb = new StringBuilder();
        var next = 0;
        for (var i = 0; i < fmt.Length; i++)
        {
            if (fmt[i] != '%')
            {
                sb.Append(fmt[i]);
                continue;
            }

            i++;
            if (i >= fmt.Length)
            {
                throw new JinjaRuntimeException("incomplete format");
            }

            if (fmt[i] == '%')
            {
                sb.Append('%');
                continue;
            }

            object? value;
            if (fmt[i] == '(' && mapping is not null)
            {
                var close = fmt.IndexOf(')', i);
                var key = fmt[(i + 1)..close];
                value = PyAccess.TryGetKey(args, key, out var found) ? found : throw new JinjaRuntimeException($"KeyError: '{key}'");
                i = close + 1;
            }
            else
            {
                value = next < values.Length ? values[next++] : throw new JinjaRuntimeException("not enough arguments for format string");
            }

            var flags = "";
            while (i < fmt.Length && "-+ 0#".Contains(fmt[i], StringComparison.Ordinal))
            {
                flags += fmt[i++];
            }

            // Widths and precisions pad: '%1000000000d' would be a 2 GB string.
            var width = FormatNumber(fmt, ref i);
            int? precision = null;
            if (i < fmt.Length && fmt[i] == '.')
            {
                i++;
                precision = FormatNumber(fmt, ref i);
            }

            var conv = fmt[i];
            var text = conv switch
            {
                's' => escape ? EscapeOrKeep(value) : Str(value),
                'r' => escape ? Markup.EscapeText(Repr(value)) : Repr(value),
                'x' or 'X' or 'o' when escape => throw new JinjaRuntimeException($"%{conv} format: an integer is required, not _MarkupEscapeHelper"),
                'd' or 'i' => ToLong(value is double dv ? Math.Truncate(dv) : value).ToString(CultureInfo.InvariantCulture),
                'f' or 'F' => ToDouble(value).ToString("F" + (precision ?? 6).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
                'e' => ToDouble(value).ToString((precision ?? 6) == 0 ? "0e+00" : "0." + new string('0', precision ?? 6) + "e+00", CultureInfo.InvariantCulture),
                'x' => ToLong(value).ToString("x", CultureInfo.InvariantCulture),
                'X' => ToLong(value).ToString("X", CultureInfo.InvariantCulture),
                'o' => Convert.ToString(ToLong(value), 8),
                'g' => ToDouble(value).ToString("G" + (precision ?? 6).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
                _ => throw new JinjaRuntimeException($"unsupported format character '{conv}'"),
            };
            if (conv == 's' && precision is { } prec && text.Length > prec)
            {
                text = text[..prec];
            }

            if (flags.Contains('+', StringComparison.Ordinal) && conv is 'd' or 'i' or 'f' && !text.StartsWith('-'))
            {
                text = "+" + text;
            }

            SizeGuard.String((long)sb.Length + Math.Max(text.Length, width));
            if (text.Length < width)
            {
                text = flags.Contains('-', StringComparison.Ordinal) ? text.PadRight(width)
                    : flags.Contains('0', StringComparison.Ordinal) && conv != 's' ? (text.StartsWith('-') ? "-" + text[1..].PadLeft(width - 1, '0') : text.PadLeft(width, '0'))
                    : text.PadLeft(width);
            }

            sb.Append(text);
        }

        // Python ignores unused values only when they came as a mapping (or a list, which it treats as one).
        if (next < values.Length && (args is PyTuple or string or Markup || (mapping is null && args is not System.Collections.IList)))
        {
            throw new JinjaRuntimeException("not all arguments converted during string formatting");
        }

        return sb.ToString();
    }

    // A width or precision: digits, at most the longest string a template may build.
    private static int FormatNumber(string fmt, ref int i)
    {
        long n = 0;
        while (i < fmt.Length && char.IsAsciiDigit(fmt[i]))
        {
            n = Math.Min((n * 10) + (fmt[i++] - '0'), int.MaxValue);
        }

        SizeGuard.String(n);
        return (int)n;
    }
}
