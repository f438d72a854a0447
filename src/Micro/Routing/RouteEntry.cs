using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Micro.Routing;

/// <summary>A registered route after prefixes are applied: its parsed rule, endpoint and compiled handler.</summary>
internal sealed class RouteEntry
{
    public required Rule Rule { get; init; }

    public required string Endpoint { get; init; }

    /// <summary>
    /// Gets whether <see cref="Endpoint"/> was made up by Micro (an unnamed lambda's <c>GET /users/&lt;int:id&gt;</c>):
    /// it may repeat across handlers, is suggested by no build error, and is no OpenAPI <c>operationId</c>.
    /// </summary>
    public bool HasAutomaticName { get; init; }

    /// <summary>
    /// Gets whether this is the first rule registered for its endpoint: the one whose ASP.NET Core endpoint carries the
    /// name (the platform refuses two endpoints of one name; Werkzeug has many rules per endpoint).
    /// </summary>
    public bool NamesEndpoint { get; set; }

    /// <summary>Gets the full dotted blueprint name, or <see langword="null"/> for app routes.</summary>
    public string? Blueprint { get; init; }

    /// <summary>Gets the app and the blueprints the route belongs to, outermost first.</summary>
    public required IReadOnlyList<Scaffold> Scopes { get; init; }

    public required HandlerSource Handler { get; init; }

    /// <summary>Gets whether OPTIONS is answered by Micro (the user did not ask for OPTIONS).</summary>
    public bool AutomaticOptions { get; init; }

    /// <summary>Gets, per rule variable, the handler parameter type it must parse to (for overflow checks).</summary>
    public required IReadOnlyDictionary<string, Type> BoundTypes { get; init; }

    private Type?[]? _converterBoundTypes;

    /// <summary>Gets, per converter of the rule (in order), the handler parameter type its value binds to, or null.</summary>
    public Type?[] ConverterBoundTypes =>
        _converterBoundTypes ??= [.. Rule.Converters.Select(pair => BoundTypes.GetValueOrDefault(pair.Key))];

    /// <summary>
    /// Gets the names a handler parameter binds from the route, never the query string: the variables and defaults of
    /// every rule of this endpoint (a Flask view gets them as arguments, or its own default when a rule lacks them).
    /// </summary>
    public IReadOnlyCollection<string> RouteNames { get; set; } = [];

    /// <summary>
    /// Gets the rules of the same endpoint that provide defaults for this one, in build order (Werkzeug's
    /// <c>redirect_defaults</c>): a match whose values are one's defaults is redirected to it. <see langword="null"/> for
    /// almost every rule, so matching pays one test.
    /// </summary>
    public RouteEntry[]? DefaultProviders { get; set; }

    /// <summary>The platform-built delegate, compiled on first use: binds parameters, runs the handler, captures its value.</summary>
    public Lazy<RequestDelegate> Compiled { get; set; } = null!;

    /// <summary>Gets the platform-built delegate (compiling it on the route's first request).</summary>
    public RequestDelegate Invoker => Compiled.Value;

    public RouteEndpoint AspNetEndpoint { get; set; } = null!;

    /// <summary>Gets the endpoint set for Micro's 308 and 405 answers on this rule (it carries the rule's <c>http.route</c>).</summary>
    public Endpoint RoutingErrorEndpoint { get; set; } = null!;

    /// <summary>Gets the rule's <c>http.route</c>: <c>/users/{id}</c> for <c>/users/&lt;int:id&gt;</c> (see <see cref="RoutePatterns"/>).</summary>
    public string Route { get; set; } = null!;

    public required ConventionCollector Conventions { get; init; }
}
