using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Micro.Routing;

namespace Micro.Hosting;

/// <summary>
/// Micro's per-request state: the matched route, converted view arguments, and the values in flight. It is also the
/// request's <see cref="IEndpointFeature"/> and <see cref="IRouteValuesFeature"/>: the platform stores those two in
/// dedicated slots, so this one object replaces two per-request allocations instead of adding a third.
/// </summary>
internal sealed class MicroContext : IEndpointFeature, IRouteValuesFeature
{
    private RouteValueDictionary? _routeValues;

    public MicroContext(HttpContext httpContext, RouteTable table)
    {
        HttpContext = httpContext;
        Table = table;
    }

    public HttpContext HttpContext { get; }

    public RouteTable Table { get; }

    public RouteEntry? Route { get; set; }

    private static readonly Dictionary<string, object?> NoViewArgs = new(StringComparer.Ordinal);

    // The matched rule's converted values, in its converters' order; the dictionary Flask's view_args is made only when
    // something reads it (url_for, request.ViewArgs): most handlers take their values as parameters.
    private Rule? _argsRule;
    private object?[]? _argValues;
    private Dictionary<string, object?>? _viewArgs;

    public IReadOnlyDictionary<string, object?> ViewArgs => _viewArgs ?? (_argsRule is null ? NoViewArgs : MakeViewArgs());

    /// <summary>Sets the view arguments of a match: <paramref name="values"/> for <paramref name="rule"/>'s converters, then its defaults.</summary>
    public void SetViewArgs(Rule rule, object?[] values)
    {
        _argsRule = rule;
        _argValues = values;
        _viewArgs = null;
    }

    public void ClearViewArgs()
    {
        _argsRule = null;
        _argValues = null;
        _viewArgs = null;
    }

    private Dictionary<string, object?> MakeViewArgs()
    {
        var rule = _argsRule!;
        var values = _argValues!;
        var args = new Dictionary<string, object?>(values.Length + (rule.DefaultEntries?.Length ?? 0), StringComparer.Ordinal);
        for (var i = 0; i < values.Length; i++)
        {
            args[rule.Converters[i].Key] = values[i];
        }

        // Werkzeug: result.update(rule.defaults).
        foreach (var (name, value, _) in rule.DefaultEntries ?? [])
        {
            args[name] = value;
        }

        return _viewArgs = args;
    }

    /// <summary>Gets or sets the routing decision that stands in for a handler (404, 405, redirect).</summary>
    public HttpException? RoutingError { get; set; }

    /// <summary>Gets or sets the value the last handler or hook returned, captured by the endpoint filter.</summary>
    public object? Captured { get; set; }

    public Response? CurrentResponse { get; set; }

    public Exception? CurrentError { get; set; }

    public Request? Request { get; set; }

    /// <summary>Gets or sets the session once a handler, hook or template opened it (see <see cref="Sessions.SessionInterface"/>).</summary>
    public Session? Session { get; set; }

    /// <summary>Gets or sets whether opening the session failed in this request (its store was unreachable): saving it is then skipped, not retried.</summary>
    public bool SessionFailed { get; set; }

    /// <inheritdoc/>
    public Endpoint? Endpoint { get; set; }

    /// <inheritdoc/>
    public RouteValueDictionary RouteValues
    {
        get => _routeValues ??= new RouteValueDictionary();
        set => _routeValues = value;
    }

    public static MicroContext? Get(HttpContext context) => context.Features.Get<IEndpointFeature>() as MicroContext;

    public static MicroContext GetOrCreate(HttpContext context, RouteTable table)
    {
        var features = context.Features;
        var endpointFeature = features.Get<IEndpointFeature>();
        if (endpointFeature is MicroContext existing)
        {
            return existing;
        }

        var created = new MicroContext(context, table) { Endpoint = endpointFeature?.Endpoint };
        if (features.Get<IRouteValuesFeature>() is { } routeValues)
        {
            created._routeValues = routeValues.RouteValues;
        }

        features.Set<IEndpointFeature>(created);
        features.Set<IRouteValuesFeature>(created);
        return created;
    }
}
