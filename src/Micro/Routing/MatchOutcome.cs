namespace Micro.Routing;

/// <summary>What the matcher found for a path and method: a route, a redirect, or nothing (with the methods that would match).</summary>
/// <typeparam name="TRoute">What the matcher hands back for a rule (the app's route entry).</typeparam>
internal readonly record struct MatchOutcome<TRoute>(TRoute? Route, string[] Values, string? RedirectPath, IReadOnlySet<string> AllowedMethods)
    where TRoute : class
{
    // Marks an aborted match by identity, so the outcome stays four references wide.
    private static readonly IReadOnlySet<string> AbortedMarker = new HashSet<string>();

    /// <summary>Gets the outcome of a match given up because the request was aborted.</summary>
    public static MatchOutcome<TRoute> Aborted { get; } = new(null, [], null, AbortedMarker);

    /// <summary>Gets whether matching gave up because the request was aborted.</summary>
    public bool IsAborted => ReferenceEquals(AllowedMethods, AbortedMarker);

    public static MatchOutcome<TRoute> Matched(TRoute route, string[] values, IReadOnlySet<string> allowed) => new(route, values, null, allowed);

    public static MatchOutcome<TRoute> Redirect(string path, IReadOnlySet<string> allowed) => new(null, [], path, allowed);

    public static MatchOutcome<TRoute> NoMatch(IReadOnlySet<string> allowed) => new(null, [], null, allowed);
}
