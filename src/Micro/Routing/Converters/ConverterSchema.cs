namespace Micro.Routing.Converters;

/// <summary>
/// What a converter accepts, for API descriptions (OpenAPI): the JSON type of its values and the bounds its arguments
/// set. Werkzeug's own bounds, so a document never promises less than the matcher enforces.
/// </summary>
/// <param name="Kind">The kind of value: <c>integer</c>, <c>number</c>, <c>string</c>, <c>uuid</c> or <c>path</c>.</param>
internal sealed record ConverterSchema(string Kind)
{
    public const string Integer = "integer";
    public const string Number = "number";
    public const string String = "string";
    public const string Uuid = "uuid";
    public const string Path = "path";

    /// <summary>Gets the smallest value accepted (inclusive, as Werkzeug's <c>min</c>); 0 for unsigned numbers.</summary>
    public double? Minimum { get; init; }

    /// <summary>Gets the largest value accepted (inclusive).</summary>
    public double? Maximum { get; init; }

    public int? MinLength { get; init; }

    public int? MaxLength { get; init; }

    /// <summary>Gets the only values accepted (<c>any(a, b)</c>), or <see langword="null"/>.</summary>
    public IReadOnlyList<string>? Values { get; init; }

    /// <summary>Gets the schema of a converter that says nothing about its values: a string.</summary>
    public static ConverterSchema Unknown { get; } = new(String);
}
