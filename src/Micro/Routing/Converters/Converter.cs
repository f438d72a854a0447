using System.Globalization;

namespace Micro.Routing.Converters;

/// <summary>
/// Turns one <c>&lt;converter:name&gt;</c> part of a rule into a value and back, exactly as a Werkzeug
/// <c>BaseConverter</c> does: a regular expression that selects the text, a weight that orders rules,
/// <see cref="ToValue"/> for matching and <see cref="ToUrl"/> for building.
/// </summary>
/// <example>
/// <code>
/// public sealed class ListConverter : Converter
/// {
///     public override string Regex => @"[a-z]+(?:,[a-z]+)*";
///     public override object? ToValue(string text) => text.Split(',');
///     public override string ToUrl(object? value) => string.Join(',', (string[])value!);
/// }
/// app.Converters["list"] = _ => new ListConverter();
/// </code>
/// </example>
public abstract class Converter
{
    /// <summary>Gets the .NET regular expression (no anchors) that selects this part's text.</summary>
    public virtual string Regex => "[^/]+";

    /// <summary>Gets the weight that orders dynamic parts at the same position: lower is tried first.</summary>
    public virtual int Weight => 100;

    /// <summary>Gets whether the part stays inside one path segment; <see langword="false"/> when <see cref="Regex"/> can match a slash.</summary>
    public virtual bool PartIsolating => !Regex.Contains('/', StringComparison.Ordinal);

    /// <summary>Converts the matched text to the value handlers receive.</summary>
    /// <param name="text">The percent-decoded text the regular expression matched.</param>
    /// <returns>The converted value.</returns>
    /// <exception cref="ValidationException">The text does not convert; the request is answered with 404.</exception>
    public virtual object? ToValue(string text) => text;

    /// <summary>
    /// Says whether <see cref="Regex"/> matches the whole of <paramref name="text"/> without running it, or
    /// <see langword="null"/> when the converter cannot tell; built-in converters answer on the hot path.
    /// </summary>
    internal virtual bool? MatchesWhole(string text) => null;

    /// <summary>Gets what the converter accepts, for API descriptions; a user-defined converter describes a string.</summary>
    internal virtual ConverterSchema Schema => ConverterSchema.Unknown;

    /// <summary>Converts a value back to its URL form when building URLs; the result is percent-encoded afterwards by the builder only for default converters.</summary>
    /// <param name="value">The value given to <c>UrlFor</c>.</param>
    /// <returns>The already URL-safe text for the rule part.</returns>
    public virtual string ToUrl(object? value) => Micro.Routing.UrlEncoding.QuotePath(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "");
}
