using System.Text.RegularExpressions;
using Micro.Routing.Matching;

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

            // Matched by the linear-time program; .NET's engine only for what the program's subset lacks.
            Program = PartProgram.TryCompile(Pattern.ToString(), suffixed ? [.. GroupNames, Rule.SuffixGroup] : GroupNames);
            if (Program is null)
            {
                Fallback = FallbackRegex(Pattern.ToString(), GroupNames.Length, suffixed);
            }
        }
    }

    /// <summary>How long .NET's backtracking engine may run on one part it matches (see <see cref="Fallback"/>).</summary>
    public static readonly TimeSpan FallbackTimeout = TimeSpan.FromMilliseconds(100);

    public string Content { get; }

    public bool Final { get; }

    public bool IsStatic { get; }

    public bool Suffixed { get; }

    public Weighting Weight { get; }

    /// <summary>Gets the part's regular expression, as Werkzeug writes it (validation and group names; see <see cref="Program"/>).</summary>
    public Regex? Pattern { get; }

    /// <summary>Gets the compiled program that matches the part in time linear in the text, when the pattern is in its subset.</summary>
    public PartProgram? Program { get; }

    /// <summary>
    /// Gets the engine for a part outside the program's subset (a custom converter with backreferences,
    /// lookarounds, inline options...): .NET's linear-time engine when the part's one group cannot come out
    /// different from backtracking, else the backtracking engine with <see cref="FallbackTimeout"/>.
    /// </summary>
    public Regex? Fallback { get; }

    /// <summary>Gets the converter when the part is exactly one isolated converter, so it can match without the regex.</summary>
    public Converters.Converter? Single { get; }

    public string[] GroupNames { get; } = [];

    public bool Equals(RulePart? other) =>
        other is not null && Content == other.Content && Final == other.Final && IsStatic == other.IsStatic
        && Suffixed == other.Suffixed && Weight.Equals(other.Weight);

    public override bool Equals(object? obj) => Equals(obj as RulePart);

    private static Regex FallbackRegex(string pattern, int groups, bool suffixed)
    {
        if (groups <= 1 && !suffixed)
        {
            // One converter between literal text, anchored at both ends: the group's bounds are fixed by the
            // literals, so the non-backtracking engine finds the same values.
            try
            {
                return new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
            }
            catch (NotSupportedException)
            {
                // Backreferences, lookarounds, atomic groups: only the backtracking engine has them.
            }
        }

        return new Regex(pattern, RegexOptions.CultureInvariant, FallbackTimeout);
    }

    public override int GetHashCode() => HashCode.Combine(Content, Final, IsStatic, Suffixed);
}
