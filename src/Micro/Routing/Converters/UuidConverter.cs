using System.Globalization;

namespace Micro.Routing.Converters;

/// <summary>The <c>uuid</c> converter: 8-4-4-4-12 hexadecimal digits with dashes, converted to <see cref="Guid"/>.</summary>
internal sealed class UuidConverter : Converter
{
    public override string Regex => "[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}";

    public override bool PartIsolating => true;

    public override object? ToValue(string text) => Guid.ParseExact(text, "D");

    // Python's str(uuid) is lower-case with dashes, as is "D".
    public override string ToUrl(object? value) => value switch
    {
        Guid guid => guid.ToString("D"),
        string text when Guid.TryParse(text, out var parsed) => parsed.ToString("D"),
        _ => throw new ValidationException(string.Create(CultureInfo.InvariantCulture, $"'{value}' is not a UUID.")),
    };

    internal static Converter Create(ConverterArguments args)
    {
        args.Allow();
        return new UuidConverter();
    }
}
