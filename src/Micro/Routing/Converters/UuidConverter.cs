using System.Globalization;

namespace Micro.Routing.Converters;

/// <summary>The <c>uuid</c> converter: 8-4-4-4-12 hexadecimal digits with dashes, converted to <see cref="Guid"/>.</summary>
internal sealed class UuidConverter : Converter
{
    public override string Regex => "[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}";

    public override bool PartIsolating => true;

    internal override ConverterSchema Schema { get; } = new(ConverterSchema.Uuid);

    public override object? ToValue(string text) => Guid.ParseExact(text, "D");

    // Werkzeug's UUIDConverter.to_url is str(value): lower-case "D" for a UUID, any other value as it is (unquoted).
    public override string ToUrl(object? value) => value switch
    {
        Guid guid => guid.ToString("D"),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "None",
    };

    internal static Converter Create(ConverterArguments args)
    {
        args.Allow();
        return new UuidConverter();
    }
}
