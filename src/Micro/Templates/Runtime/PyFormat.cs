using System.Globalization;
using System.Numerics;
using System.Text;

namespace Micro.Templates.Runtime;

/// <summary>
/// Python's <c>str.format</c> (fields with <c>.attr</c>/<c>[key]</c>, <c>!r</c>/<c>!s</c>, nested specs) and
/// <c>format(value, spec)</c>. With <c>escape</c> it is MarkupSafe's <c>EscapeFormatter</c>: markup fields
/// are kept (and take no spec), everything else is formatted, then escaped.
/// </summary>
internal static class PyFormat
{
    /// <summary><c>fmt.format(*positional, **keywords)</c>, or <c>Markup(fmt).format(...)</c> when <paramref name="escape"/>.</summary>
    public static string Format(string fmt, IReadOnlyList<object?> positional, Func<string, (bool Found, object? Value)> keyword, bool escape)
    {
        var auto = 0;
        var sb = new StringBuilder(fmt.Length + 16);
        Render(sb, fmt, positional, keyword, escape, ref auto, depth: 2);
        return sb.ToString();
    }

    private static void Render(StringBuilder sb, string fmt, IReadOnlyList<object?> positional, Func<string, (bool Found, object? Value)> keyword, bool escape, ref int auto, int depth)
    {
        if (depth < 0)
        {
            throw new JinjaRuntimeException("Max string recursion exceeded");
        }

        for (var i = 0; i < fmt.Length; i++)
        {
            var c = fmt[i];
            if (c == '}')
            {
                if (i + 1 < fmt.Length && fmt[i + 1] == '}')
                {
                    sb.Append('}');
                    i++;
                    continue;
                }

                throw new JinjaRuntimeException("Single '}' encountered in format string");
            }

            if (c != '{')
            {
                sb.Append(c);
                continue;
            }

            if (i + 1 < fmt.Length && fmt[i + 1] == '{')
            {
                sb.Append('{');
                i++;
                continue;
            }

            // The field runs to the matching '}': the spec may hold nested {fields}.
            var level = 1;
            var end = i + 1;
            for (; end < fmt.Length; end++)
            {
                if (fmt[end] == '{')
                {
                    level++;
                }
                else if (fmt[end] == '}' && --level == 0)
                {
                    break;
                }
            }

            if (end >= fmt.Length)
            {
                throw new JinjaRuntimeException("expected '}' before end of string");
            }

            var field = fmt[(i + 1)..end];
            i = end;
            var (name, conversion, spec) = SplitField(field);
            var value = Resolve(name, positional, keyword, ref auto);
            if (conversion is { } conv)
            {
                value = conv switch
                {
                    'r' => PyOps.Repr(value),
                    's' => PyOps.Str(value),
                    'a' => Ascii(PyOps.Repr(value)),
                    _ => throw new JinjaRuntimeException($"Unknown conversion specifier {conv}"),
                };
            }

            if (spec.Contains('{', StringComparison.Ordinal))
            {
                var nested = new StringBuilder();
                Render(nested, spec, positional, keyword, escape: false, ref auto, depth - 1);
                spec = nested.ToString();
            }

            var text = escape ? EscapeField(value, spec) : FormatValue(value, spec);
            SizeGuard.String((long)sb.Length + text.Length);
            sb.Append(text);
        }
    }

    // MarkupSafe's EscapeFormatter.format_field.
    private static string EscapeField(object? value, string spec)
    {
        if (value is Markup m)
        {
            return spec.Length == 0 ? m.Value : throw new JinjaRuntimeException("Unsupported format specification for Markup.");
        }

        if (PyOps.AsMarkup(value) is { } html)
        {
            return spec.Length == 0 ? html.Value : throw new JinjaRuntimeException($"Format specifier {spec} given, but {PyOps.TypeName(value)} does not define __html_format__.");
        }

        return Markup.EscapeText(FormatValue(value, spec));
    }

    private static (string Name, char? Conversion, string Spec) SplitField(string field)
    {
        // The name ends at the first '!' or ':' outside [brackets].
        var i = 0;
        while (i < field.Length && field[i] is not ('!' or ':'))
        {
            if (field[i] == '[')
            {
                var close = field.IndexOf(']', i);
                i = close < 0 ? field.Length : close;
            }

            i++;
        }

        var name = field[..Math.Min(i, field.Length)];
        char? conversion = null;
        if (i < field.Length && field[i] == '!')
        {
            if (i + 1 >= field.Length)
            {
                throw new JinjaRuntimeException("end of string while looking for conversion specifier");
            }

            conversion = field[i + 1];
            i += 2;
            if (i < field.Length && field[i] != ':')
            {
                throw new JinjaRuntimeException("expected ':' after conversion specifier");
            }
        }

        var spec = i < field.Length && field[i] == ':' ? field[(i + 1)..] : "";
        return (name, conversion, spec);
    }

    private static object? Resolve(string name, IReadOnlyList<object?> positional, Func<string, (bool Found, object? Value)> keyword, ref int auto)
    {
        var i = 0;
        while (i < name.Length && name[i] is not ('.' or '['))
        {
            i++;
        }

        var first = name[..i];
        object? value;
        if (first.Length == 0)
        {
            if (auto < 0)
            {
                throw new JinjaRuntimeException("cannot switch from manual field specification to automatic field numbering");
            }

            value = auto < positional.Count ? positional[auto++] : throw new JinjaRuntimeException($"Replacement index {auto} out of range for positional args tuple");
        }
        else if (int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            if (auto > 0)
            {
                throw new JinjaRuntimeException("cannot switch from automatic field numbering to manual field specification");
            }

            auto = -1;
            value = index < positional.Count ? positional[index] : throw new JinjaRuntimeException($"Replacement index {index} out of range for positional args tuple");
        }
        else
        {
            var (found, v) = keyword(first);
            value = found ? v : throw new JinjaRuntimeException($"KeyError: '{first}'");
        }

        while (i < name.Length)
        {
            if (name[i] == '.')
            {
                var start = ++i;
                while (i < name.Length && name[i] is not ('.' or '['))
                {
                    i++;
                }

                value = PyAccess.GetAttrOnly(value, name[start..i]);
                if (value is Undefined u)
                {
                    throw new JinjaRuntimeException(u.Hint);
                }
            }
            else
            {
                var close = name.IndexOf(']', i);
                if (close < 0)
                {
                    throw new JinjaRuntimeException("Missing ']' in format string");
                }

                var key = name[(i + 1)..close];
                i = close + 1;
                object k = long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : key;
                value = PyAccess.GetItem(value, k);
                if (value is Undefined)
                {
                    throw new JinjaRuntimeException($"KeyError: {PyOps.Repr(k)}");
                }
            }
        }

        return value;
    }

    internal static string Ascii(string repr)
    {
        var sb = new StringBuilder(repr.Length);
        foreach (var c in repr)
        {
            if (c < 0x80)
            {
                sb.Append(c);
            }
            else
            {
                sb.Append(c <= 0xff ? "\\x" + ((int)c).ToString("x2", CultureInfo.InvariantCulture) : "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }

    /// <summary>Python's <c>format(value, spec)</c> for text, integers, floats and, with an empty spec, anything.</summary>
    public static string FormatValue(object? value, string spec)
    {
        switch (value)
        {
            case string or Markup:
                return FormatText(PyOps.Str(value), Spec.Parse(spec));
            case bool b when spec.Length == 0:
                return b ? "True" : "False";
            case bool b:
                return FormatInteger(b ? 1 : 0, Spec.Parse(spec));
            case double or float or decimal:
                return FormatFloat(PyOps.ToDouble(value), Spec.Parse(spec));
            case BigInteger big:
                return FormatInteger(big, Spec.Parse(spec));
        }

        if (PyOps.IsInteger(value))
        {
            return FormatInteger(PyOps.ToLong(value), Spec.Parse(spec));
        }

        return spec.Length == 0 ? PyOps.Str(value) : throw new JinjaRuntimeException($"unsupported format string passed to {PyOps.TypeName(value)}.__format__");
    }

    /// <summary>
    /// One conversion of printf-style <c>'%...' % value</c>: <paramref name="conv"/> with its flags, width and
    /// precision, padded as Python pads (right-aligned unless <c>-</c>). <paramref name="text"/> converts a value
    /// for <c>%s</c>/<c>%r</c>/<c>%a</c> (MarkupSafe escapes it there).
    /// </summary>
    public static string Percent(object? value, char conv, string flags, int width, int? precision, Func<char, object?, string> text)
    {
        var left = flags.Contains('-', StringComparison.Ordinal);
        char? sign = flags.Contains('+', StringComparison.Ordinal) ? '+' : flags.Contains(' ', StringComparison.Ordinal) ? ' ' : null;
        var zero = flags.Contains('0', StringComparison.Ordinal) && !left;
        var alternate = flags.Contains('#', StringComparison.Ordinal);
        int? w = width > 0 ? width : null;
        switch (conv)
        {
            case 's' or 'r' or 'a':
                var t = text(conv, value);
                if (precision is { } p && t.Length > p)
                {
                    t = t[..p];
                }

                return Pad("", t, new Spec(null, left ? '<' : '>', null, false, false, w, null, null, null), '>');
            case 'c':
                var c = value switch
                {
                    string or Markup when PyOps.Length(value) == 1 => PyOps.Str(value),
                    _ when PyOps.IsInteger(value) => PyOps.Chr(PyOps.ToBig(value)),
                    _ => throw new JinjaRuntimeException($"%c requires an int or a unicode character, not {PyOps.TypeName(value)}"),
                };
                return Pad("", c, new Spec(null, left ? '<' : '>', null, false, false, w, null, null, null), '>');
            case 'd' or 'i' or 'u' or 'x' or 'X' or 'o':
                BigInteger n;
                if (PyOps.IsInteger(value))
                {
                    n = PyOps.ToBig(value);
                }
                else if (conv is 'd' or 'i' or 'u' && value is double or float or decimal)
                {
                    n = PyOps.ToBig(PyOps.FloatToInt(PyOps.ToDouble(value)));
                }
                else
                {
                    throw new JinjaRuntimeException(conv is 'd' or 'i' or 'u'
                        ? $"%{conv} format: a real number is required, not {PyOps.TypeName(value)}"
                        : $"%{conv} format: an integer is required, not {PyOps.TypeName(value)}");
                }

                var digits = ToRadix(BigInteger.Abs(n), conv switch { 'x' or 'X' => 16, 'o' => 8, _ => 10 });
                if (precision is { } minDigits && digits.Length < minDigits)
                {
                    SizeGuard.String(minDigits);
                    digits = digits.PadLeft(minDigits, '0');
                }

                // The prefix goes with the sign, before any zero padding: '%#06x' % 255 is 0x00ff.
                var prefix = alternate ? conv switch { 'x' => "0x", 'X' => "0X", 'o' => "0o", _ => "" } : "";
                var body = conv == 'X' ? digits.ToUpperInvariant() : digits;
                var signText = (n.Sign < 0 ? "-" : sign?.ToString() ?? "") + prefix;
                return Pad(signText, body, new Spec(zero ? '0' : null, left ? '<' : zero ? '=' : '>', null, false, false, w, null, null, null), '>');
            case 'e' or 'E' or 'f' or 'F' or 'g' or 'G':
                if (!PyOps.IsNumber(value) && value is not bool)
                {
                    throw new JinjaRuntimeException($"must be real number, not {PyOps.TypeName(value)}");
                }

                return FormatFloat(PyOps.ToDouble(value), new Spec(zero ? '0' : null, left ? '<' : zero ? '=' : '>', sign, alternate, false, w, null, precision ?? 6, conv));
            default:
                throw new JinjaRuntimeException($"unsupported format character '{conv}' (0x{(int)conv:x})");
        }
    }

    private static string FormatText(string s, Spec spec)
    {
        if (spec.Type is not (null or 's'))
        {
            throw new JinjaRuntimeException($"Unknown format code '{spec.Type}' for object of type 'str'");
        }

        if (spec.Sign is not null)
        {
            throw new JinjaRuntimeException("Sign not allowed in string format specifier");
        }

        if (spec.Align == '=')
        {
            throw new JinjaRuntimeException("'=' alignment not allowed in string format specifier");
        }

        if (spec.Alternate)
        {
            throw new JinjaRuntimeException("Alternate form (#) not allowed in string format specifier");
        }

        if (spec.Grouping is { } g)
        {
            throw new JinjaRuntimeException($"Cannot specify '{g}' with 's'.");
        }

        if (spec.Precision is { } p && s.Length > p)
        {
            s = s[..p];
        }

        return Pad("", s, spec, '<');
    }

    private static string FormatInteger(BigInteger n, Spec spec)
    {
        switch (spec.Type)
        {
            case 'e' or 'E' or 'f' or 'F' or 'g' or 'G' or '%':
                return FormatFloat(PyOps.BigToDouble(n), spec);
            case null or 'd' or 'n' or 'b' or 'o' or 'x' or 'X' or 'c':
                break;
            default:
                throw new JinjaRuntimeException($"Unknown format code '{spec.Type}' for object of type 'int'");
        }

        if (spec.Precision is not null)
        {
            throw new JinjaRuntimeException("Precision not allowed in integer format specifier");
        }

        CheckGrouping(spec);

        if (spec.Type == 'c')
        {
            if (spec.Sign is not null)
            {
                throw new JinjaRuntimeException("Sign not allowed with integer format specifier 'c'");
            }

            if (spec.Alternate)
            {
                throw new JinjaRuntimeException("Alternate form (#) not allowed with integer format specifier 'c'");
            }

            return Pad("", PyOps.Chr(n), spec, '<');
        }

        var magnitude = BigInteger.Abs(n);
        var (radix, prefix) = spec.Type switch
        {
            'b' => (2, "0b"),
            'o' => (8, "0o"),
            'x' => (16, "0x"),
            'X' => (16, "0X"),
            _ => (10, ""),
        };
        var digits = ToRadix(magnitude, radix);
        if (spec.Type == 'X')
        {
            digits = digits.ToUpperInvariant();
        }

        var sign = n.Sign < 0 ? "-" : spec.Sign is '+' ? "+" : spec.Sign is ' ' ? " " : "";
        var head = sign + (spec.Alternate ? prefix : "");
        digits = GroupPadded(digits, spec, radix == 10 ? 3 : 4, head.Length);
        return Pad(head, digits, spec, '>');
    }

    // Python: ',' groups decimal presentations only, '_' also b, o, x and X; neither goes with 'n', 'c' or 's'.
    private static void CheckGrouping(Spec spec)
    {
        if (spec.Grouping is { } g && (spec.Type is 'n' or 'c' or 's' || (g == ',' && spec.Type is 'b' or 'o' or 'x' or 'X')))
        {
            throw new JinjaRuntimeException($"Cannot specify '{g}' with '{spec.Type}'.");
        }
    }

    private static string ToRadix(BigInteger n, int radix)
    {
        if (radix == 10)
        {
            return n.ToString(CultureInfo.InvariantCulture);
        }

        if (n.IsZero)
        {
            return "0";
        }

        var sb = new StringBuilder();
        while (!n.IsZero)
        {
            sb.Insert(0, "0123456789abcdef"[(int)(n % radix)]);
            n /= radix;
        }

        return sb.ToString();
    }

    private static string FormatFloat(double d, Spec spec)
    {
        var type = spec.Type;
        if (type is not (null or 'e' or 'E' or 'f' or 'F' or 'g' or 'G' or 'n' or '%'))
        {
            throw new JinjaRuntimeException($"Unknown format code '{type}' for object of type 'float'");
        }

        CheckGrouping(spec);

        // A precision is a number of digits: '{:.999999999f}'.format(1) would be 2 GB.
        if (spec.Precision is { } digits)
        {
            SizeGuard.String(digits);
        }

        var negative = double.IsNegative(d) && !double.IsNaN(d);
        var x = Math.Abs(d);
        string body;
        if (double.IsNaN(x) || double.IsInfinity(x))
        {
            body = double.IsNaN(x) ? "nan" : "inf";
            if (type is 'E' or 'F' or 'G')
            {
                body = body.ToUpperInvariant();
            }

            body += type == '%' ? "%" : "";
        }
        else
        {
            body = type switch
            {
                'e' or 'E' => Exponent(x, spec.Precision ?? 6, spec.Alternate, type == 'E'),
                'f' or 'F' => Fixed(x, spec.Precision ?? 6, spec.Alternate),
                '%' => Fixed(x * 100, spec.Precision ?? 6, spec.Alternate) + "%",
                'g' or 'G' or 'n' => General(x, spec.Precision ?? 6, spec.Alternate, type == 'G', keepPoint: false),
                _ when spec.Precision is { } p => General(x, p, spec.Alternate, upper: false, keepPoint: true),
                _ => PyOps.FloatRepr(x),
            };

            // Grouping applies to the integer digits only.
            var intEnd = 0;
            while (intEnd < body.Length && char.IsAsciiDigit(body[intEnd]))
            {
                intEnd++;
            }

            var signWidth = negative || spec.Sign is '+' or ' ' ? 1 : 0;
            body = GroupPadded(body[..intEnd], spec, 3, signWidth + (body.Length - intEnd)) + body[intEnd..];
        }

        var sign = negative ? "-" : spec.Sign is '+' ? "+" : spec.Sign is ' ' ? " " : "";
        return Pad(sign, body, spec, '>');
    }

    private static string Fixed(double x, int precision, bool alternate)
    {
        var s = x.ToString("F" + precision.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return alternate && precision == 0 ? s + "." : s;
    }

    private static string Exponent(double x, int precision, bool alternate, bool upper)
    {
        // .NET writes E+005; Python writes e+05.
        var s = x.ToString("E" + precision.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var e = s.IndexOf('E', StringComparison.Ordinal);
        var mantissa = s[..e];
        var exponent = int.Parse(s[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        if (alternate && precision == 0)
        {
            mantissa += ".";
        }

        return mantissa + (upper ? "E" : "e") + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
    }

    // 'g': scientific when the exponent is < -4 or >= precision, else fixed; trailing zeros dropped unless '#'.
    // With no type and a precision (keepPoint), fixed results keep one digit after the point, as Python's repr does.
    private static string General(double x, int precision, bool alternate, bool upper, bool keepPoint)
    {
        if (precision == 0)
        {
            precision = 1;
        }

        if (x == 0)
        {
            var zero = alternate ? "0." + new string('0', precision - 1) : "0";
            return keepPoint && !alternate ? "0.0" : zero;
        }

        var probe = Exponent(x, precision - 1, alternate: false, upper: false);
        var exponent = int.Parse(probe[(probe.IndexOf('e', StringComparison.Ordinal) + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        string s;
        if (exponent >= -4 && exponent < precision)
        {
            s = Fixed(x, precision - 1 - exponent, alternate: false);
            if (!alternate)
            {
                s = s.Contains('.', StringComparison.Ordinal) ? s.TrimEnd('0').TrimEnd('.') : s;
                if (keepPoint && !s.Contains('.', StringComparison.Ordinal))
                {
                    s += ".0";
                }
            }
            else if (!s.Contains('.', StringComparison.Ordinal))
            {
                s += ".";
            }

            return s;
        }

        s = Exponent(x, precision - 1, alternate, upper);
        if (!alternate)
        {
            var e = s.IndexOfAny(['e', 'E']);
            var mantissa = s[..e];
            if (mantissa.Contains('.', StringComparison.Ordinal))
            {
                mantissa = mantissa.TrimEnd('0').TrimEnd('.');
            }

            s = mantissa + s[e..];
        }

        return s;
    }

    // Grouped digits; when zeros pad to the width ('0' fill, '=' alignment), Python groups the zeros too
    // ('{:08,}'.format(255) is '0,000,255'), so the zeros go in before grouping. `besides` is the width of the rest.
    private static string GroupPadded(string digits, Spec spec, int size, int besides)
    {
        var zeros = (spec.Fill ?? (spec.ZeroPad ? '0' : ' ')) == '0' && (spec.Align ?? (spec.ZeroPad ? '=' : '>')) == '=';
        if (spec.Grouping is null || !zeros || spec.Width is not { } width || width - besides <= digits.Length)
        {
            return Group(digits, spec, size);
        }

        // The fewest digits whose grouped length n + (n - 1) / size reaches the target.
        var target = width - besides;
        SizeGuard.String(target);
        var n = Math.Max(digits.Length, (int)((long)target * size / (size + 1)) - 1);
        while (n + ((n - 1) / size) < target)
        {
            n++;
        }

        return Group(digits.PadLeft(n, '0'), spec, size);
    }

    private static string Group(string digits, Spec spec, int size)
    {
        if (spec.Grouping is not { } sep)
        {
            return digits;
        }

        var sb = new StringBuilder(digits.Length + (digits.Length / size));
        for (var i = 0; i < digits.Length; i++)
        {
            if (i > 0 && (digits.Length - i) % size == 0)
            {
                sb.Append(sep);
            }

            sb.Append(digits[i]);
        }

        return sb.ToString();
    }

    private static string Pad(string sign, string body, Spec spec, char defaultAlign)
    {
        var align = spec.Align ?? (spec.ZeroPad ? '=' : defaultAlign);
        var fill = spec.Fill ?? (spec.ZeroPad ? '0' : ' ');
        var length = sign.Length + body.Length;
        if (spec.Width is not { } width || length >= width)
        {
            return sign + body;
        }

        // '{:999999999}'.format(1) would be 2 GB of padding.
        SizeGuard.String(width);
        var padding = width - length;
        return align switch
        {
            '<' => sign + body + new string(fill, padding),
            '>' => new string(fill, padding) + sign + body,
            '=' => sign + new string(fill, padding) + body,
            _ => new string(fill, padding / 2) + sign + body + new string(fill, padding - (padding / 2)),
        };
    }

    // [[fill]align][sign][z][#][0][width][grouping][.precision][type]
    private sealed record Spec(char? Fill, char? Align, char? Sign, bool Alternate, bool ZeroPad, int? Width, char? Grouping, int? Precision, char? Type)
    {
        public static Spec Parse(string s)
        {
            var i = 0;
            char? fill = null;
            char? align = null;
            if (s.Length >= 2 && s[1] is '<' or '>' or '^' or '=')
            {
                fill = s[0];
                align = s[1];
                i = 2;
            }
            else if (s.Length >= 1 && s[0] is '<' or '>' or '^' or '=')
            {
                align = s[0];
                i = 1;
            }

            char? sign = null;
            if (i < s.Length && s[i] is '+' or '-' or ' ')
            {
                sign = s[i++];
            }

            if (i < s.Length && s[i] == 'z')
            {
                i++;
            }

            var alternate = i < s.Length && s[i] == '#';
            if (alternate)
            {
                i++;
            }

            var zero = i < s.Length && s[i] == '0';
            if (zero)
            {
                i++;
            }

            var width = Number(s, ref i);
            char? grouping = i < s.Length && s[i] is ',' or '_' ? s[i++] : null;
            int? precision = null;
            if (i < s.Length && s[i] == '.')
            {
                i++;
                precision = Number(s, ref i) ?? throw new JinjaRuntimeException("Format specifier missing precision");
            }

            char? type = i < s.Length ? s[i++] : null;
            if (i < s.Length)
            {
                throw new JinjaRuntimeException("Invalid format specifier");
            }

            return new Spec(fill, align, sign, alternate, zero, width, grouping, precision, type);
        }

        private static int? Number(string s, ref int i)
        {
            var start = i;
            long n = 0;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                n = (n * 10) + (s[i++] - '0');
                if (n > int.MaxValue)
                {
                    throw new JinjaRuntimeException("Too many decimal digits in format string");
                }
            }

            return i > start ? (int)n : null;
        }
    }
}
