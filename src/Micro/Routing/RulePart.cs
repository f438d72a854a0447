using System.Text.RegularExpressions;

namespace Micro.Routing;

/// <summary>
/// One slash-delimited part of a parsed rule (Werkzeug's <c>RulePart</c>): static text, or a regular
/// expression over one segment, or (when <see cref="Final"/>) over all the remaining segments.
/// </summary>
internal sealed class RulePart : IEquatable<RulePart>
{
    public RulePart(string content, bool final, bool isStatic, bool suffixed, Weighting weight, Converters.Converter? single = null)
    {
        Single = single;
        Content = content;
        Final = final;
        IsStatic = isStatic;
        Suffixed = suffixed;
        Weight = weight;
        if (!isStatic)
        {
            // Anchored at the start like Python's re.match; the end anchor is part of the content.
            Pattern = new Regex(@"\A(?:" + content + ")", RegexOptions.CultureInvariant);
            GroupNames = Pattern.GetGroupNames()
                .Where(name => name.StartsWith(Rule.GroupPrefix, StringComparison.Ordinal))
                .Order(StringComparer.Ordinal) // Werkzeug sorts group names as strings: _10 before _2.
                .ToArray();
        }
    }

    public string Content { get; }

    public bool Final { get; }

    public bool IsStatic { get; }

    public bool Suffixed { get; }

    public Weighting Weight { get; }

    public Regex? Pattern { get; }

    /// <summary>Gets the converter when the part is exactly one isolated converter, so it can match without the regex.</summary>
    public Converters.Converter? Single { get; }

    public string[] GroupNames { get; } = [];

    public bool Equals(RulePart? other) =>
        other is not null && Content == other.Content && Final == other.Final && IsStatic == other.IsStatic
        && Suffixed == other.Suffixed && Weight.Equals(other.Weight);

    public override bool Equals(object? obj) => Equals(obj as RulePart);

    public override int GetHashCode() => HashCode.Combine(Content, Final, IsStatic, Suffixed);
}
