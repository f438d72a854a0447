namespace Micro.Routing;

/// <summary>What the matcher found for a path and method: a rule, a redirect, or nothing (with the methods that would match).</summary>
internal readonly record struct MatchOutcome(Rule? Rule, string[] Values, string? RedirectPath, IReadOnlySet<string> AllowedMethods)
{
    // Marks an aborted match by identity, so the outcome stays four references wide.
    private static readonly IReadOnlySet<string> AbortedMarker = new HashSet<string>();

    /// <summary>Gets the outcome of a match given up because the request was aborted.</summary>
    public static MatchOutcome Aborted { get; } = new(null, [], null, AbortedMarker);

    /// <summary>Gets whether matching gave up because the request was aborted.</summary>
    public bool IsAborted => ReferenceEquals(AllowedMethods, AbortedMarker);

    public static MatchOutcome Matched(Rule rule, string[] values, IReadOnlySet<string> allowed) => new(rule, values, null, allowed);

    public static MatchOutcome Redirect(string path, IReadOnlySet<string> allowed) => new(null, [], path, allowed);

    public static MatchOutcome NoMatch(IReadOnlySet<string> allowed) => new(null, [], null, allowed);
}
