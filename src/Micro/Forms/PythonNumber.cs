using System.Globalization;
using System.Numerics;
using System.Text;

namespace Micro.Forms;

/// <summary>
/// Python's <c>int(str)</c> and <c>float(str)</c>, which Flask's <c>type=int</c>/<c>type=float</c> call: surrounding
/// whitespace, a sign, any Unicode decimal digits, single underscores between digits; for floats also <c>inf</c>,
/// <c>infinity</c> and <c>nan</c> in any case, a fraction and an exponent. Anything else is not a number.
/// </summary>
internal static class PythonNumber
{
    /// <summary>Parses as Python's <c>int()</c> does, to an integer of any size.</summary>
    public static bool TryParseInt(string text, out BigInteger value)
    {
        value = default;
        var s = Normalize(text);
        if (s is null)
        {
            return false;
        }

        var i = 0;
        var negative = false;
        if (i < s.Length && s[i] is '+' or '-')
        {
            negative = s[i] == '-';
            i++;
        }

        if (!TryDigitPart(s, ref i, out var digits) || i != s.Length)
        {
            return false;
        }

        value = BigInteger.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        if (negative)
        {
            value = -value;
        }

        return true;
    }

    /// <summary>Parses as Python's <c>float()</c> does (overflow is infinity, as in Python).</summary>
    public static bool TryParseFloat(string text, out double value)
    {
        value = default;
        var s = Normalize(text);
        if (s is null)
        {
            return false;
        }

        var i = 0;
        var sign = 1.0;
        if (i < s.Length && s[i] is '+' or '-')
        {
            sign = s[i] == '-' ? -1.0 : 1.0;
            i++;
        }

        var word = s[i..].ToLowerInvariant();
        if (word is "inf" or "infinity")
        {
            value = sign * double.PositiveInfinity;
            return true;
        }

        if (word == "nan")
        {
            value = double.NaN;
            return true;
        }

        var number = new StringBuilder(s.Length);
        var hasInteger = TryDigitPart(s, ref i, out var integer);
        number.Append(hasInteger ? integer : "0");
        var hasFraction = false;
        if (i < s.Length && s[i] == '.')
        {
            i++;
            hasFraction = TryDigitPart(s, ref i, out var fraction);
            number.Append('.').Append(hasFraction ? fraction : "0");
        }

        // "." alone, or a fraction without digits on either side, is no number.
        if (!hasInteger && !hasFraction)
        {
            return false;
        }

        if (i < s.Length && s[i] is 'e' or 'E')
        {
            i++;
            number.Append('e');
            if (i < s.Length && s[i] is '+' or '-')
            {
                number.Append(s[i]);
                i++;
            }

            if (!TryDigitPart(s, ref i, out var exponent))
            {
                return false;
            }

            number.Append(exponent);
        }

        if (i != s.Length)
        {
            return false;
        }

        value = sign * double.Parse(number.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture);
        return true;
    }

    /// <summary>Strips Python's whitespace and turns every Unicode decimal digit into its ASCII digit; <see langword="null"/> when empty.</summary>
    private static string? Normalize(string text)
    {
        var trimmed = text.AsSpan().Trim();
        if (trimmed.IsEmpty)
        {
            return null;
        }

        var result = new StringBuilder(trimmed.Length);
        foreach (var c in trimmed)
        {
            result.Append(c > '\u007f' && char.GetUnicodeCategory(c) == UnicodeCategory.DecimalDigitNumber
                ? (char)('0' + CharUnicodeInfo.GetDecimalDigitValue(c))
                : c);
        }

        return result.ToString();
    }

    /// <summary>Python's <c>digitpart</c>: digits with single underscores between them; the digits without underscores.</summary>
    private static bool TryDigitPart(string s, ref int i, out string digits)
    {
        var start = i;
        var result = new StringBuilder();
        while (i < s.Length)
        {
            if (char.IsAsciiDigit(s[i]))
            {
                result.Append(s[i]);
                i++;
            }
            else if (s[i] == '_' && i > start && char.IsAsciiDigit(s[i - 1]) && i + 1 < s.Length && char.IsAsciiDigit(s[i + 1]))
            {
                i++;
            }
            else
            {
                break;
            }
        }

        digits = result.ToString();
        return digits.Length > 0;
    }
}
