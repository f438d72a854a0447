namespace Micro.Routing.Converters;

/// <summary>The <c>path</c> converter: like <c>string</c> but matches slashes, anywhere in a rule.</summary>
internal sealed class PathConverter : Converter
{
    public override string Regex => "[^/].*?";

    public override int Weight => 200;

    internal override ConverterSchema Schema { get; } = new(ConverterSchema.Path);

    public override bool PartIsolating => false;

    internal static Converter Create(ConverterArguments args)
    {
        args.Allow();
        return new PathConverter();
    }
}
