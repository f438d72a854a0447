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

        // Markup's __add__ and __radd__: the other side is escaped unless it is markup (or IHtmlContent).
        if ((a is Markup && (b is string || AsMarkup(b) is not null)) || (b is Markup && (a is string || AsMarkup(a) is not null)))
        {
            return new Markup(Concat(EscapeOrKeep(a), EscapeOrKeep(b)));
        }

        if (a is string sa && b is string sb)
        {
            return Concat(sa, sb);
        }

        if (a is PyTuple ta && b is PyTuple tb)
        {
            SizeGuard.List((long)ta.Count + tb.Count);
            return new PyTuple([.. ta.Items, .. tb.Items]);
        }

        if (a is System.Collections.IList la && b is System.Collections.IList lb && a is not PyTuple && b is not PyTuple)
        {
            SizeGuard.List((long)la.Count + lb.Count);
            var list = new List<object?>(la.Count + lb.Count);
            list.AddRange(Iterate(a));
            list.AddRange(Iterate(b));
            return list;
        }

        throw Unsupported("+", a, b);
    }

    /// <summary>MarkupSafe's <c>escape(v)</c> as text: markup (and <c>IHtmlContent</c>) as is, anything else converted and escaped.</summary>
    internal static string EscapeOrKeep(object? v) => AsMarkup(v)?.Value ?? Markup.EscapeText(Str(v));

    /// <summary>
    /// <c>a ~ b</c>. With autoescape, Jinja's <c>markup_join</c>: if either side is markup the result is markup
    /// and the other side is escaped (converted with <c>str()</c> first, so only <see cref="Markup"/> counts);
    /// without, plain text. Either way within <see cref="SizeGuard"/>'s limit (a string doubled in a loop).
    /// </summary>
    public static object Concat(object? a, object? b, bool autoescape)
    {
        if (autoescape && (a is Markup || b is Markup))
        {
            return new Markup(Concat(a is Markup ma ? ma.Value : Markup.EscapeText(Str(a)), b is Markup mb ? mb.Value : Markup.EscapeText(Str(b))));
        }

        return Concat(Str(a), Str(b));
    }

    /// <summary><paramref name="a"/> + <paramref name="b"/>, within <see cref="SizeGuard"/>'s limit (a string doubled in a loop).</summary>
    internal static string Concat(string a, string b)
    {
        SizeGuard.Concat(a, b);
        return a + b;
    }

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

        if (b is Markup m2 && IsInteger(a))
        {
            return new Markup(Repeat(m2.Value, ToLong(a)));
        }

        if (a is System.Collections.IList && IsInteger(b))
        {
            var items = ToList(a);
            var n = Math.Max(0, ToLong(b));
            SizeGuard.List(n > 0 && items.Count > 0 ? (n > long.MaxValue / items.Count ? long.MaxValue : items.Count * n) : 0);
            var result = new List<object?>((int)(items.Count * n));
            for (var i = 0; i < n; i++)
            {
                result.AddRange(items);
            }

            return result;
        }

        throw Unsupported("*", a, b);
    }

    private static string Repeat(string s, long n)
    {
        if (n <= 0 || s.Length == 0)
        {
            return "";
        }

        SizeGuard.String(n > long.MaxValue / s.Length ? long.MaxValue : s.Length * n);
        return new StringBuilder(s.Length * (int)n).Insert(0, s, (int)n).ToString();
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
            return new Markup(PercentFormat(mfmt.Value, b, escape: true));
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
            try
            {
                // By squaring: 1 ** 10**18 must not loop 10**18 times.
                long r = 1;
                var power = x;
                for (var e = n; e > 0; e >>= 1)
                {
                    if ((e & 1) != 0)
                    {
                        r = checked(r * power);
                    }

                    if (e > 1)
                    {
                        power = checked(power * power);
                    }
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

}
