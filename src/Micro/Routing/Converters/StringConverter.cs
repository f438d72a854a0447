using System.Globalization;

namespace Micro.Routing.Converters;

/// <summary>The default converter, <c>string(minlength=1, maxlength=None, length=None)</c>: one path segment.</summary>
internal sealed class StringConverter : Converter
{
    public StringConverter(int minLength = 1, int? maxLength = null, int? length = null)
    {
        Regex = length is { } exact
            ? string.Create(CultureInfo.InvariantCulture, $"[^/]{{{exact}}}")
            : string.Create(CultureInfo.InvariantCulture, $"[^/]{{{minLength},{maxLength}}}");
    }

    public override string Regex { get; }

    public override bool PartIsolating => true;

    internal static Converter Create(ConverterArguments args)
    {
        args.Allow("minlength", "maxlength", "length");
        return new StringConverter(
            args.GetInt(0, "minlength") ?? 1,
            args.GetInt(1, "maxlength"),
            args.GetInt(2, "length"));
    }
}
