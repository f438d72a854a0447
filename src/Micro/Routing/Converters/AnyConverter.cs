namespace Micro.Routing.Converters;

/// <summary>The <c>any(a, b, ...)</c> converter: exactly one of the listed items.</summary>
internal sealed class AnyConverter : Converter
{
    private readonly HashSet<string> _items;

    public AnyConverter(IReadOnlyList<string> items)
    {
        _items = new HashSet<string>(items, StringComparer.Ordinal);
        Schema = new ConverterSchema(ConverterSchema.String) { Values = items.Distinct(StringComparer.Ordinal).ToArray() };
        Regex = "(?:" + string.Join('|', items.Select(System.Text.RegularExpressions.Regex.Escape)) + ")";
    }

    public override string Regex { get; }

    internal override ConverterSchema Schema { get; }

    public override bool PartIsolating => !Regex.Contains('/', StringComparison.Ordinal);

    public override string ToUrl(object? value)
    {
        var text = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
        if (_items.Contains(text))
        {
            return text;
        }

        var valid = string.Join(", ", _items.Order(StringComparer.Ordinal).Select(item => $"'{item}'"));
        throw new ArgumentException($"'{text}' is not one of {valid}");
    }

    internal static Converter Create(ConverterArguments args)
    {
        if (args.Named.Count > 0)
        {
            throw args.Error($"any() takes only positional items, not '{args.Named.Keys.First()}='");
        }

        if (args.Positional.Count == 0)
        {
            throw args.Error("any() needs at least one item");
        }

        return new AnyConverter(args.Positional.Select(item => Convert.ToString(item, System.Globalization.CultureInfo.InvariantCulture) ?? "None").ToArray());
    }
}
