using System.Globalization;

namespace Micro.Routing.Converters;

/// <summary>
/// Werkzeug's <c>int(fixed_digits=0, min=None, max=None, signed=False)</c> and
/// <c>float(min=None, max=None, signed=False)</c>. Digits are ASCII only: Python's <c>\d</c> also takes
/// other scripts' digits, which we refuse on purpose (look-alike digits in URLs are a spoofing aid).
/// </summary>
internal sealed class NumberConverter : Converter
{
    private readonly bool _isFloat;
    private readonly int _fixedDigits;
    private readonly double? _min;
    private readonly double? _max;
    private readonly bool _signed;

    private NumberConverter(bool isFloat, int fixedDigits, double? min, double? max, bool signed)
    {
        _isFloat = isFloat;
        _fixedDigits = fixedDigits;
        _min = min;
        _max = max;
        _signed = signed;
        var digits = isFloat ? @"[0-9]+\.[0-9]+" : "[0-9]+";
        Regex = signed ? "-?" + digits : digits;
    }

    public override string Regex { get; }

    public override int Weight => 50;

    // Unsigned numbers cannot be negative: Werkzeug's regex has no sign.
    internal override ConverterSchema Schema => new(_isFloat ? ConverterSchema.Number : ConverterSchema.Integer)
    {
        Minimum = _min ?? (_signed ? null : 0),
        Maximum = _max,
    };

    public override bool PartIsolating => true;

    internal override bool? MatchesWhole(string text)
    {
        var span = text.AsSpan();
        if (_signed && span.StartsWith('-'))
        {
            span = span[1..];
        }

        if (!_isFloat)
        {
            return span.Length > 0 && !span.ContainsAnyExceptInRange('0', '9');
        }

        var dot = span.IndexOf('.');
        return dot > 0 && dot < span.Length - 1
            && !span[..dot].ContainsAnyExceptInRange('0', '9') && !span[(dot + 1)..].ContainsAnyExceptInRange('0', '9');
    }

    public override object? ToValue(string text)
    {
        if (_fixedDigits != 0 && text.Length != _fixedDigits)
        {
            throw new ValidationException();
        }

        double number;
        object value;
        if (_isFloat)
        {
            number = double.Parse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            value = number;
        }
        else
        {
            // Python ints are unbounded; ours are 64-bit, so a longer number is no match (404), never a 500.
            if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            {
                throw new ValidationException();
            }

            number = integer;
            value = integer;
        }

        if ((_min is { } min && number < min) || (_max is { } max && number > max))
        {
            throw new ValidationException();
        }

        return value;
    }

    public override string ToUrl(object? value)
    {
        try
        {
            return Format(value);
        }
        catch (Exception error) when (error is FormatException or InvalidCastException or OverflowException)
        {
            throw new ArgumentException($"Cannot build a URL from '{value}': it is not {(_isFloat ? "a number" : "an integer")}.", nameof(value), error);
        }
    }

    private string Format(object? value)
    {
        if (_isFloat)
        {
            return PythonFormat.Float(System.Convert.ToDouble(value, CultureInfo.InvariantCulture));
        }

        // Python's int(value): truncates floats, parses strings.
        var integer = value switch
        {
            string text => long.Parse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
            double or float or decimal => (long)Math.Truncate(System.Convert.ToDecimal(value, CultureInfo.InvariantCulture)),
            _ => System.Convert.ToInt64(value, CultureInfo.InvariantCulture),
        };
        var digits = integer.ToString(CultureInfo.InvariantCulture);
        if (_fixedDigits > 0)
        {
            // str.zfill: pad after the sign.
            var negative = integer < 0;
            var body = negative ? digits[1..] : digits;
            var width = _fixedDigits - (negative ? 1 : 0);
            digits = (negative ? "-" : "") + body.PadLeft(Math.Max(width, body.Length), '0');
        }

        return digits;
    }

    internal static Converter CreateInt(ConverterArguments args)
    {
        args.Allow("fixed_digits", "min", "max", "signed");
        return new NumberConverter(false, args.GetInt(0, "fixed_digits") ?? 0, args.GetDouble(1, "min"), args.GetDouble(2, "max"), args.GetBool(3, "signed") ?? false);
    }

    internal static Converter CreateFloat(ConverterArguments args)
    {
        args.Allow("min", "max", "signed");
        return new NumberConverter(true, 0, args.GetDouble(0, "min"), args.GetDouble(1, "max"), args.GetBool(2, "signed") ?? false);
    }
}
