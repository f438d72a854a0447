using System.Globalization;
using System.Numerics;
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
        if (a is long x && b is long y)
        {
            var r = x + y;
            return ((x ^ r) & (y ^ r)) < 0 ? Int((BigInteger)x + y) : r;
        }

        CheckDefined(a, b);
        if (BothInts(a, b))
        {
            return Int(ToBig(a) + ToBig(b));
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
        if (a is long x && b is long y)
        {
            var r = x - y;
            return ((x ^ y) & (x ^ r)) < 0 ? Int((BigInteger)x - y) : r;
        }

        CheckDefined(a, b);
        if (BothInts(a, b))
        {
            return Int(ToBig(a) - ToBig(b));
        }

        if (BothNumbers(a, b))
        {
            return ToDouble(a) - ToDouble(b);
        }

        throw Unsupported("-", a, b);
    }

    public static object? Mul(object? a, object? b)
    {
        if (a is long x && b is long y)
        {
            // The high half is the sign extension of the low half exactly when the product fits.
            var high = Math.BigMul(x, y, out var low);
            return high == (low >> 63) ? low : Int((BigInteger)x * y);
        }

        CheckDefined(a, b);
        if (BothInts(a, b))
        {
            return Int(ToBig(a) * ToBig(b));
        }

        if (BothNumbers(a, b))
        {
            return ToDouble(a) * ToDouble(b);
        }

        if (a is string s && IsInteger(b))
        {
            return Repeat(s, RepeatCount(b));
        }

        if (b is string s2 && IsInteger(a))
        {
            return Repeat(s2, RepeatCount(a));
        }

        if (a is Markup m && IsInteger(b))
        {
            return new Markup(Repeat(m.Value, RepeatCount(b)));
        }

        if (b is Markup m2 && IsInteger(a))
        {
            return new Markup(Repeat(m2.Value, RepeatCount(a)));
        }

        if (a is System.Collections.IList && IsInteger(b))
        {
            var items = ToList(a);
            var n = Math.Max(0, RepeatCount(b));
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

    // A repeat count past 64 bits is as good as too large: the size guard refuses it.
    private static long RepeatCount(object? n) => n is BigInteger big ? (big.Sign < 0 ? 0 : long.MaxValue) : ToLong(n);

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

        if (BothInts(a, b))
        {
            var x = ToBig(a);
            var y = ToBig(b);
            return y.IsZero ? throw new JinjaRuntimeException("division by zero") : TrueDivide(x, y);
        }

        var d = ToDouble(b);
        if (d == 0)
        {
            throw new JinjaRuntimeException("float division by zero");
        }

        return ToDouble(a) / d;
    }

    public static object? FloorDiv(object? a, object? b)
    {
        CheckDefined(a, b);
        if (a is long x && b is long y && y != 0 && !(x == long.MinValue && y == -1))
        {
            var q = x / y;
            return (x % y != 0 && ((x < 0) != (y < 0))) ? q - 1 : q;
        }

        if (BothInts(a, b))
        {
            var yb = ToBig(b);
            return yb.IsZero ? throw new JinjaRuntimeException("integer division or modulo by zero") : Int(BigDivMod(ToBig(a), yb).Div);
        }

        if (BothNumbers(a, b))
        {
            var yd = ToDouble(b);
            return yd == 0 ? throw new JinjaRuntimeException("float floor division by zero") : FloatDivMod(ToDouble(a), yd).Div;
        }

        throw Unsupported("//", a, b);
    }

    public static object? Mod(object? a, object? b)
    {
        CheckDefined(a, b);
        if (a is long x && b is long y && y != 0 && y != -1)
        {
            var r = x % y;
            return r != 0 && ((r < 0) != (y < 0)) ? r + y : r;
        }

        if (BothInts(a, b))
        {
            var yb = ToBig(b);
            return yb.IsZero ? throw new JinjaRuntimeException("integer division or modulo by zero") : Int(BigDivMod(ToBig(a), yb).Mod);
        }

        if (BothNumbers(a, b))
        {
            var yd = ToDouble(b);
            return yd == 0 ? throw new JinjaRuntimeException("float modulo") : FloatDivMod(ToDouble(a), yd).Mod;
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
        if (BothInts(a, b) && ToBig(b).Sign >= 0)
        {
            if (a is long x && b is long n)
            {
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
                    // Past 64 bits: exactly, below.
                }
            }

            var bx = ToBig(a);
            var bn = ToBig(b);
            if (bx.IsZero || bx.IsOne || bx == BigInteger.MinusOne)
            {
                return Int(bx.IsZero ? (bn.IsZero ? BigInteger.One : BigInteger.Zero) : bx.IsOne || bn.IsEven ? BigInteger.One : BigInteger.MinusOne);
            }

            // The result has about n * bits(x) bits: refuse before computing what Int() would refuse.
            if (bn > MaxBits || (long)bn * ((long)bx.GetBitLength() - 1) > MaxBits)
            {
                throw new JinjaRuntimeException($"integer result too large (more than {MaxBits} bits)");
            }

            return Int(BigInteger.Pow(bx, (int)bn));
        }

        if (BothNumbers(a, b))
        {
            var x = ToDouble(a);
            var y = ToDouble(b);
            if (x == 0 && y < 0)
            {
                throw new JinjaRuntimeException("0.0 cannot be raised to a negative power");
            }

            var r = Math.Pow(x, y);
            return double.IsInfinity(r) && !double.IsInfinity(x) && !double.IsInfinity(y) ? throw new JinjaRuntimeException("(34, 'Numerical result out of range')") : r;
        }

        throw Unsupported("** or pow()", a, b);
    }

    public static object? Neg(object? a)
    {
        CheckDefined(a, null);
        return a switch
        {
            long l when l != long.MinValue => -l,
            _ when IsInteger(a) => Int(-ToBig(a)),
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
