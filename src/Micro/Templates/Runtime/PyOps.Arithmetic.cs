using System.Globalization;
using System.Text;

namespace Micro.Templates.Runtime;

/// <content>Arithmetic and comparison with Python's rules.</content>
internal static partial class PyOps
{
    private static JinjaRuntimeException Unsupported(string op, object? a, object? b) =>
        new($"unsupported operand type(s) for {op}: '{TypeName(a)}' and '{TypeName(b)}'");

    private static void CheckDefined(object? a, object? b)
    {
        if (a is Undefined ua)
        {
            throw new JinjaRuntimeException(ua.Hint);
        }

        if (b is Undefined ub)
        {
            throw new JinjaRuntimeException(ub.Hint);
        }
    }

    private static bool BothInts(object? a, object? b) => IsInteger(a) && IsInteger(b);

    private static bool BothNumbers(object? a, object? b) => (IsNumber(a) || a is bool) && (IsNumber(b) || b is bool);

    public static object? Add(object? a, object? b)
    {
        CheckDefined(a, b);
        if (BothInts(a, b))
        {
            var x = ToLong(a);
            var y = ToLong(b);
            var r = x + y;
            return ((x ^ r) & (y ^ r)) < 0 ? (object)((double)x + y) : r;
        }

        if (BothNumbers(a, b))
        {
            return ToDouble(a) + ToDouble(b);
        }

        if (a is Markup || b is Markup)
        {
            if (a is string or Markup && b is string or Markup)
            {
                return new Markup(EscapeOrKeep(a) + EscapeOrKeep(b));
            }
        }

        if (a is string sa && b is string sb)
        {
            return sa + sb;
        }

        if (a is PyTuple ta && b is PyTuple tb)
        {
            return new PyTuple([.. ta.Items, .. tb.Items]);
        }

        if (a is System.Collections.IList && b is System.Collections.IList && a is not PyTuple && b is not PyTuple)
        {
            var list = ToList(a);
            list.AddRange(Iterate(b));
            return list;
        }

        throw Unsupported("+", a, b);
    }

    internal static string EscapeOrKeep(object? v) => v is Markup m ? m.Value : Markup.EscapeText(Str(v));

    public static object? Sub(object? a, object? b)
    {
        CheckDefined(a, b);
        if (BothInts(a, b))
        {
            return ToLong(a) - ToLong(b);
        }

        if (BothNumbers(a, b))
        {
            return ToDouble(a) - ToDouble(b);
        }

        throw Unsupported("-", a, b);
    }

    public static object? Mul(object? a, object? b)
    {
        CheckDefined(a, b);
        if (BothInts(a, b))
        {
            return ToLong(a) * ToLong(b);
        }

        if (BothNumbers(a, b))
        {
            return ToDouble(a) * ToDouble(b);
        }

        if (a is string s && IsInteger(b))
        {
            return Repeat(s, ToLong(b));
        }

        if (b is string s2 && IsInteger(a))
        {
            return Repeat(s2, ToLong(a));
        }

        if (a is Markup m && IsInteger(b))
        {
            return new Markup(Repeat(m.Value, ToLong(b)));
        }

        if (a is System.Collections.IList && IsInteger(b))
        {
            var items = ToList(a);
            if (items.Count * Math.Max(0, ToLong(b)) > 1_000_000)
            {
                throw new JinjaRuntimeException("List repetition result is too large.");
            }

            var result = new List<object?>();
            for (var i = 0; i < ToLong(b); i++)
            {
                result.AddRange(items);
            }

            return result;
        }

        throw Unsupported("*", a, b);
    }

    private static string Repeat(string s, long n)
    {
        if (n <= 0)
        {
            return "";
        }

        if (s.Length * n > 10_000_000)
        {
            throw new JinjaRuntimeException("String repetition result is too large.");
        }

        return new StringBuilder().Insert(0, s, (int)n).ToString();
    }

    public static object? Div(object? a, object? b)
    {
        CheckDefined(a, b);
        if (!BothNumbers(a, b))
        {
            throw Unsupported("/", a, b);
        }

        var y = ToDouble(b);
        if (y == 0)
        {
            throw new JinjaRuntimeException("division by zero");
        }

        return ToDouble(a) / y;
    }

    public static object? FloorDiv(object? a, object? b)
    {
        CheckDefined(a, b);
        if (BothInts(a, b))
        {
            var x = ToLong(a);
            var y = ToLong(b);
            if (y == 0)
            {
                throw new JinjaRuntimeException("integer division or modulo by zero");
            }

            var q = x / y;
            return (x % y != 0 && ((x < 0) != (y < 0))) ? q - 1 : q;
        }

        if (BothNumbers(a, b))
        {
            var y = ToDouble(b);
            if (y == 0)
            {
                throw new JinjaRuntimeException("float floor division by zero");
            }

            return Math.Floor(ToDouble(a) / y);
        }

        throw Unsupported("//", a, b);
    }

    public static object? Mod(object? a, object? b)
    {
        CheckDefined(a, b);
        if (BothInts(a, b))
        {
            var x = ToLong(a);
            var y = ToLong(b);
            if (y == 0)
            {
                throw new JinjaRuntimeException("integer division or modulo by zero");
            }

            var r = x % y;
            return r != 0 && ((r < 0) != (y < 0)) ? r + y : r;
        }

        if (BothNumbers(a, b))
        {
            var x = ToDouble(a);
            var y = ToDouble(b);
            if (y == 0)
            {
                throw new JinjaRuntimeException("float modulo");
            }

            var r = x % y;
            return r != 0 && ((r < 0) != (y < 0)) ? r + y : r;
        }

        if (a is string fmt)
        {
            return PercentFormat(fmt, b);
        }

        if (a is Markup mfmt)
        {
            return new Markup(PercentFormat(mfmt.Value, b is PyTuple t ? new PyTuple(t.Items.Select(i => (object?)EscapeOrKeep(i)).ToArray()) : EscapeOrKeep(b)));
        }

        throw Unsupported("%", a, b);
    }

    public static object? Pow(object? a, object? b)
    {
        CheckDefined(a, b);
        if (BothInts(a, b) && ToLong(b) >= 0)
        {
            var x = ToLong(a);
            var n = ToLong(b);
            long r = 1;
            try
            {
                for (var i = 0L; i < n; i++)
                {
                    r = checked(r * x);
                }

                return r;
            }
            catch (OverflowException)
            {
                return Math.Pow(x, n);
            }
        }

        if (BothNumbers(a, b))
        {
            return Math.Pow(ToDouble(a), ToDouble(b));
        }

        throw Unsupported("** or pow()", a, b);
    }

    public static object? Neg(object? a)
    {
        CheckDefined(a, null);
        return a switch
        {
            _ when IsInteger(a) => (object)(-ToLong(a)),
            _ when IsNumber(a) => (object)(-ToDouble(a)),
            _ => throw new JinjaRuntimeException($"bad operand type for unary -: '{TypeName(a)}'"),
        };
    }

    public static object? Pos(object? a)
    {
        CheckDefined(a, null);
        return IsNumber(a) || a is bool ? Normalize(a is bool b ? (b ? 1L : 0L) : a) : throw new JinjaRuntimeException($"bad operand type for unary +: '{TypeName(a)}'");
    }

    public static new bool Equals(object? a, object? b)
    {
        if (a is Undefined && b is Undefined)
        {
            return true;
        }

        if (a is Undefined || b is Undefined)
        {
            return false;
        }

        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        if (BothNumbers(a, b))
        {
            return BothInts(a, b) ? ToLong(a) == ToLong(b) : ToDouble(a) == ToDouble(b);
        }

        if ((a is string or Markup) && (b is string or Markup))
        {
            return Str(a) == Str(b);
        }

        if (a is PyTuple ta && b is PyTuple tb)
        {
            return ta.Count == tb.Count && ta.Items.Zip(tb.Items).All(p => Equals(p.First, p.Second));
        }

        if (a is System.Collections.IList la && b is System.Collections.IList lb && a is not PyTuple && b is not PyTuple)
        {
            return la.Count == lb.Count && la.Cast<object?>().Zip(lb.Cast<object?>()).All(p => Equals(Normalize(p.First), Normalize(p.Second)));
        }

        return a.Equals(b);
    }

    /// <summary>Python ordering: numbers, strings (by code point), sequences element by element.</summary>
    public static int Compare(object? a, object? b, string op = "<")
    {
        if (BothNumbers(a, b))
        {
            return BothInts(a, b) ? ToLong(a).CompareTo(ToLong(b)) : ToDouble(a).CompareTo(ToDouble(b));
        }

        if ((a is string or Markup) && (b is string or Markup))
        {
            return string.CompareOrdinal(Str(a), Str(b)) switch { < 0 => -1, > 0 => 1, _ => 0 };
        }

        if ((a is System.Collections.IList || a is PyTuple) && (b is System.Collections.IList || b is PyTuple))
        {
            var la = ToList(a);
            var lb = ToList(b);
            for (var i = 0; i < Math.Min(la.Count, lb.Count); i++)
            {
                if (!Equals(la[i], lb[i]))
                {
                    return Compare(la[i], lb[i], op);
                }
            }

            return la.Count.CompareTo(lb.Count);
        }

        if (a is DateTime da && b is DateTime db)
        {
            return da.CompareTo(db);
        }

        if (a is IComparable ca && b is not null && a.GetType() == b.GetType())
        {
            return ca.CompareTo(b);
        }

        CheckDefined(a, b);
        throw new JinjaRuntimeException($"'{op}' not supported between instances of '{TypeName(a)}' and '{TypeName(b)}'");
    }

    public static bool Contains(object? container, object? item)
    {
        switch (container)
        {
            case string s:
                return item is string or Markup ? s.Contains(Str(item), StringComparison.Ordinal) : throw new JinjaRuntimeException($"'in <string>' requires string as left operand, not {TypeName(item)}");
            case Markup m:
                return m.Value.Contains(Str(item), StringComparison.Ordinal);
            case Undefined u:
                throw new JinjaRuntimeException(u.Hint);
        }

        if (PyAccess.AsMapping(container) is { } map)
        {
            return map.Any(p => Equals(p.Key, item));
        }

        return Iterate(container).Any(x => Equals(x, item));
    }

    /// <summary>printf-style <c>'%s' % value</c> with s, d, i, f, r, x, o, e, g and %%.</summary>
    public static string PercentFormat(string fmt, object? args)
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
                value = mapping.FirstOrDefault(p => Str(p.Key) == key).Value;
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

            var width = 0;
            while (i < fmt.Length && char.IsAsciiDigit(fmt[i]))
            {
                width = (width * 10) + (fmt[i++] - '0');
            }

            int? precision = null;
            if (i < fmt.Length && fmt[i] == '.')
            {
                i++;
                var p = 0;
                while (i < fmt.Length && char.IsAsciiDigit(fmt[i]))
                {
                    p = (p * 10) + (fmt[i++] - '0');
                }

                precision = p;
            }

            var conv = fmt[i];
            var text = conv switch
            {
                's' => Str(value),
                'r' => Repr(value),
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

            if (text.Length < width)
            {
                text = flags.Contains('-', StringComparison.Ordinal) ? text.PadRight(width)
                    : flags.Contains('0', StringComparison.Ordinal) && conv != 's' ? (text.StartsWith('-') ? "-" + text[1..].PadLeft(width - 1, '0') : text.PadLeft(width, '0'))
                    : text.PadLeft(width);
            }

            sb.Append(text);
        }

        return sb.ToString();
    }
}
