using System.Globalization;

namespace Micro.Routing.Converters;

/// <summary>The default converter, <c>string(minlength=1, maxlength=None, length=None)</c>: one path segment.</summary>
internal sealed class StringConverter : Converter
{
    public StringConverter(int minLength = 1, int? maxLength = null, int? length = null)
    {
        // Python counts code points; .NET regexes count UTF-16 units, so a surrogate pair is one atom here.
        const string CodePoint = @"(?:[^/\uD800-\uDFFF]|[\uD800-\uDBFF][\uDC00-\uDFFF])";
        Schema = length is { } fixedLength
            ? new ConverterSchema(ConverterSchema.String) { MinLength = fixedLength, MaxLength = fixedLength }
            : new ConverterSchema(ConverterSchema.String) { MinLength = minLength == 1 ? null : minLength, MaxLength = maxLength };
        Regex = length is { } exact
            ? string.Create(CultureInfo.InvariantCulture, $"{CodePoint}{{{exact}}}")
            : minLength == 1 && maxLength is null
                ? "[^/]{1,}"
                : string.Create(CultureInfo.InvariantCulture, $"{CodePoint}{{{minLength},{maxLength}}}");
    }

    public override string Regex { get; }

    // Werkzeug's default minlength=1 only says "not empty", which a path segment never is: it is left out.
    internal override ConverterSchema Schema { get; }

    // The default "[^/]{1,}" on a single segment (which never holds a slash) is "not empty".
    internal override bool? MatchesWhole(string text) => Regex == "[^/]{1,}" ? text.Length > 0 && !text.Contains('/', StringComparison.Ordinal) : null;

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
