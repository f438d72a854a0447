using System.Globalization;

namespace Micro.Routing;

/// <summary>Formats values as Python's <c>str()</c> does, so built URLs and rendered templates match Flask's and Jinja's byte for byte.</summary>
internal static class PythonFormat
{
    /// <summary>Python's <c>repr(float)</c>: shortest round-trip digits, fixed notation for 1e-4 ≤ |x| &lt; 1e16.</summary>
    public static string Float(double value)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        if (value == 0)
        {
            return double.IsNegative(value) ? "-0.0" : "0.0";
        }

        // "E16" is not shortest; "R" is. Split "R" output into digits and a decimal exponent.
        var shortest = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        string digits;
        int exponent;
        var e = shortest.IndexOfAny(['E', 'e']);
        var mantissa = e >= 0 ? shortest[..e] : shortest;
        var exp = e >= 0 ? int.Parse(shortest[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : 0;
        var dot = mantissa.IndexOf('.');
        var intPart = dot >= 0 ? mantissa[..dot] : mantissa;
        var fracPart = dot >= 0 ? mantissa[(dot + 1)..] : "";
        digits = (intPart + fracPart).TrimStart('0');
        var leadingZeros = (intPart + fracPart).Length - (intPart + fracPart).TrimStart('0').Length;
        exponent = intPart.Length + exp - leadingZeros; // position of the decimal point relative to digits
        digits = digits.TrimEnd('0');
        if (digits.Length == 0)
        {
            digits = "0";
        }

        var sign = value < 0 ? "-" : "";
        if (exponent > -4 && exponent <= 16)
        {
            string body;
            if (exponent <= 0)
            {
                body = "0." + new string('0', -exponent) + digits;
            }
            else if (exponent >= digits.Length)
            {
                body = digits + new string('0', exponent - digits.Length) + ".0";
            }
            else
            {
                body = digits[..exponent] + "." + digits[exponent..];
            }

            return sign + body;
        }

        var mant = digits.Length == 1 ? digits : digits[..1] + "." + digits[1..];
        var power = exponent - 1;
        return sign + mant + "e" + (power < 0 ? "-" : "+") + Math.Abs(power).ToString("00", CultureInfo.InvariantCulture);
    }
}
