using System.Globalization;
using System.Numerics;

namespace Micro.Templates.Runtime;

/// <content>
/// Python's integers: a <see cref="long"/> while the value fits, a <see cref="BigInteger"/> past 64 bits, never
/// wrapping and never silently a float. Every operation has a fast path for two longs that does not allocate
/// beyond the boxed result; only an overflow takes the <see cref="BigInteger"/> path.
/// </content>
internal static partial class PyOps
{
    // Python 3.11's default sys.get_int_max_str_digits(): str() of a longer int is a ValueError.
    private const int MaxStrDigits = 4300;

    // A guard, not a Python rule: 2 ** 10 ** 9 would take minutes and gigabytes. A million bits is 301,030 digits,
    // far past what str() may print.
    private const long MaxBits = 1 << 20;

    /// <summary>The canonical boxed form of an integer: a long when it fits, else the BigInteger.</summary>
    public static object Int(BigInteger n)
    {
        if (n >= long.MinValue && n <= long.MaxValue)
        {
            return (long)n;
        }

        if (n.GetBitLength() > MaxBits)
        {
            throw new JinjaRuntimeException($"integer result too large (more than {MaxBits} bits)");
        }

        return n;
    }

    /// <summary>Any integer (including bool) as a <see cref="BigInteger"/>.</summary>
    public static BigInteger ToBig(object? v) => v switch
    {
        long l => l,
        BigInteger big => big,
        bool b => b ? BigInteger.One : BigInteger.Zero,
        int i => i,
        ulong ul => ul,
        _ => ToLong(v),
    };

    /// <summary>
    /// Python's <c>float(n)</c>: rounded to nearest, ties to even (a BigInteger cast truncates), and an error past
    /// the largest double.
    /// </summary>
    public static double BigToDouble(BigInteger n)
    {
        if (n >= long.MinValue && n <= long.MaxValue)
        {
            return (long)n;
        }

        // The top 63 bits with a sticky bit for the rest round exactly as the whole number would.
        var magnitude = BigInteger.Abs(n);
        var shift = (int)magnitude.GetBitLength() - 63;
        var top = (long)(magnitude >> shift);
        if (!(magnitude & ((BigInteger.One << shift) - 1)).IsZero)
        {
            top |= 1;
        }

        var d = Math.ScaleB((double)top, shift);
        return double.IsInfinity(d) ? throw new JinjaRuntimeException("int too large to convert to float") : n.Sign < 0 ? -d : d;
    }

    /// <summary>Python's <c>chr(n)</c> for <c>%c</c> and the <c>c</c> format type.</summary>
    public static string Chr(BigInteger n)
    {
        if (n.Sign < 0 || n > 0x10FFFF)
        {
            throw new JinjaRuntimeException("%c arg not in range(0x110000)");
        }

        var cp = (int)n;
        return cp is >= 0xD800 and <= 0xDFFF ? ((char)cp).ToString() : char.ConvertFromUtf32(cp);
    }

    private static string IntStr(BigInteger n)
    {
        // Each digit holds log2(10) bits: a quick bound before the exact count.
        if (n.GetBitLength() > MaxStrDigits * 3.33 && BigInteger.Abs(n).ToString(CultureInfo.InvariantCulture).Length > MaxStrDigits)
        {
            throw new JinjaRuntimeException($"Exceeds the limit ({MaxStrDigits} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit");
        }

        return n.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Python's <c>int(text)</c> in base 10, any size; false when the text is not an integer.</summary>
    public static bool TryParseInt(string text, out object? value)
    {
        value = null;
        var s = text.Trim();
        if (s.Length > MaxStrDigits + 1)
        {
            return false;
        }

        if (long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
        {
            value = l;
            return true;
        }

        if (BigInteger.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var big))
        {
            value = Int(big);
            return true;
        }

        return false;
    }

    /// <summary>Python's <c>int(x)</c> of a finite float: exact, truncated towards zero.</summary>
    public static object FloatToInt(double d)
    {
        if (double.IsNaN(d) || double.IsInfinity(d))
        {
            throw new JinjaRuntimeException(double.IsNaN(d) ? "cannot convert float NaN to integer" : "cannot convert float infinity to integer");
        }

        var t = Math.Truncate(d);
        return t >= -9.2233720368547758e18 && t < 9.2233720368547758e18 ? (long)t : Int(new BigInteger(t));
    }

    /// <summary>
    /// Compares two numbers as Python does: integers exactly at any size, an integer and a float by their exact
    /// values (<c>2**53 + 1 &gt; 9007199254740992.0</c>). NaN compares as unordered (returns <see cref="int.MinValue"/>).
    /// </summary>
    private static int CompareNumbers(object a, object b)
    {
        if (a is long x && b is long y)
        {
            return x.CompareTo(y);
        }

        var ai = IsInteger(a);
        var bi = IsInteger(b);
        if (ai && bi)
        {
            return ToBig(a).CompareTo(ToBig(b));
        }

        if (ai)
        {
            return -CompareFloatToInt(ToFloatOnly(b), a);
        }

        if (bi)
        {
            return CompareFloatToInt(ToFloatOnly(a), b);
        }

        var da = ToDouble(a);
        var db = ToDouble(b);
        return double.IsNaN(da) || double.IsNaN(db) ? int.MinValue : da.CompareTo(db);
    }

    private static double ToFloatOnly(object v) => v switch
    {
        double d => d,
        float f => f,
        _ => ToDouble(v),
    };

    private static int CompareFloatToInt(double d, object i)
    {
        if (double.IsNaN(d))
        {
            return int.MinValue;
        }

        if (double.IsInfinity(d))
        {
            return d > 0 ? 1 : -1;
        }

        // Below 2**53 every integer is a double exactly.
        if (i is long l && l is > -(1L << 53) and < 1L << 53)
        {
            return d.CompareTo((double)l);
        }

        var floor = Math.Floor(d);
        var c = new BigInteger(floor).CompareTo(ToBig(i));
        return c != 0 ? c : d > floor ? 1 : 0;
    }

    // Python's float floor division and modulo (floatobject.c's float_divmod), so 1 // 0.1 == 9.0.
    private static (double Div, double Mod) FloatDivMod(double vx, double wx)
    {
        var mod = vx % wx;
        double div;
        if (mod != 0)
        {
            div = (vx - mod) / wx;
            if ((wx < 0) != (mod < 0))
            {
                mod += wx;
                div -= 1.0;
            }
        }
        else
        {
            div = (vx - mod) / wx;
            mod = Math.CopySign(0.0, wx);
        }

        double floordiv;
        if (div != 0)
        {
            floordiv = Math.Floor(div);
            if (div - floordiv > 0.5)
            {
                floordiv += 1.0;
            }
        }
        else
        {
            floordiv = Math.CopySign(0.0, vx / wx);
        }

        return (floordiv, mod);
    }

    private static (BigInteger Div, BigInteger Mod) BigDivMod(BigInteger x, BigInteger y)
    {
        var q = BigInteger.DivRem(x, y, out var r);
        if (!r.IsZero && (r.Sign < 0) != (y.Sign < 0))
        {
            q -= 1;
            r += y;
        }

        return (q, r);
    }

    // Python's int / int: the correctly rounded quotient, even when the operands do not fit a double.
    private static double TrueDivide(BigInteger x, BigInteger y)
    {
        const long Exact = 1L << 53;
        if (BigInteger.Abs(x) <= Exact && BigInteger.Abs(y) <= Exact)
        {
            return (double)x / (double)y;
        }

        var negative = (x.Sign < 0) != (y.Sign < 0);
        x = BigInteger.Abs(x);
        y = BigInteger.Abs(y);

        // Scale so the quotient has at least 64 significant bits, then keep a sticky bit for the remainder.
        var shift = 64 - ((long)x.GetBitLength() - (long)y.GetBitLength());
        var q = shift >= 0 ? BigInteger.DivRem(x << (int)shift, y, out var r) : BigInteger.DivRem(x, y << (int)-shift, out r);
        if (!r.IsZero)
        {
            q |= 1;
        }

        var result = Math.ScaleB(BigToDouble(q), (int)-shift);
        if (double.IsInfinity(result))
        {
            throw new JinjaRuntimeException("integer division result too large for a float");
        }

        return negative ? -result : result;
    }
}
