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

            if (i >= fmt.Length)
            {
                throw new JinjaRuntimeException("incomplete format");
            }

            // MarkupSafe wraps every value in a helper that converts to int and float, but is no index.
            if (escape && fmt[i] is 'x' or 'X' or 'o' or 'c')
            {
                throw new JinjaRuntimeException($"%{fmt[i]} format: an integer is required, not _MarkupEscapeHelper");
            }

            var text = PyFormat.Percent(value, fmt[i], flags, width, precision, (conv, v) => conv switch
            {
                's' => escape ? EscapeOrKeep(v) : Str(v),
                'r' => escape ? Markup.EscapeText(Repr(v)) : Repr(v),
                _ => escape ? Markup.EscapeText(PyFormat.Ascii(Repr(v))) : PyFormat.Ascii(Repr(v)),
            });
            SizeGuard.String((long)sb.Length + text.Length);
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
