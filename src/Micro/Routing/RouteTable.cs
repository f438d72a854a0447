using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Micro.Routing;

/// <summary>
/// The app's rules once it starts, as Werkzeug's <c>Map</c>: every registration with prefixes applied, parsed, checked
/// for mistakes, indexed by endpoint in build order, loaded into the matcher and built into ASP.NET Core endpoints.
/// It holds no request: matching and building for a request is <see cref="RouteAdapter"/>'s work (Werkzeug's
/// <c>MapAdapter</c>).
/// </summary>
internal sealed class RouteTable
{
    private readonly Dictionary<string, List<RouteEntry>> _byEndpoint = new(StringComparer.Ordinal);
    private readonly HookCache _hooks;

    public RouteTable(MicroApp app, IServiceProvider services, RequestDelegate dispatch)
    {
        App = app;
        Services = services;
        RoutingErrorEndpoint = new Endpoint(dispatch, EndpointMetadataCollection.Empty, "Micro routing error");
        JsonOptions = services.GetService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>()?.Value.SerializerOptions
            ?? System.Text.Json.JsonSerializerOptions.Web;
        Logger = services.GetService<ILoggerFactory>()?.CreateLogger(LoggerCategory) ?? NullLogger.Instance;
        AppScopes = [app];
        Entries = RouteCollector.Collect(app);

        foreach (var entry in Entries)
        {
            Matcher.Add(entry.Rule, entry);
            Index(entry);
        }

        // Werkzeug's build order (build_compare_key): rules with more arguments, then more defaults, first; a stable sort
        // keeps registration order.
        foreach (var list in _byEndpoint.Values)
        {
            var sorted = list.OrderBy(entry => entry.Rule.BuildOrder).ToList();
            list.Clear();
            list.AddRange(sorted);
        }

        Matcher.Update();
        foreach (var entry in Entries)
        {
            Link(entry);
            RouteEndpointFactory.Build(entry, services, dispatch);
        }

        _hooks = new HookCache(app, services);
    }

    /// <summary>The category of the matcher's Debug messages (308, 405, converter rejections).</summary>
    public const string LoggerCategory = "Micro.Routing.Matching";

    public MicroApp App { get; }

    /// <summary>Gets the app's JSON options (ASP.NET Core's <c>JsonOptions</c>), resolved once.</summary>
    public System.Text.Json.JsonSerializerOptions JsonOptions { get; }

    public IServiceProvider Services { get; }

    public IReadOnlyList<RouteEntry> Entries { get; }

    public StateMachineMatcher<RouteEntry> Matcher { get; } = new();

    public IReadOnlyList<Scaffold> AppScopes { get; }

    /// <summary>Gets the logger of the matcher's decisions.</summary>
    public ILogger Logger { get; }

    /// <summary>Gets the endpoint of a 308 or 405 answer whose rule cannot be told (none in practice).</summary>
    public Endpoint RoutingErrorEndpoint { get; }

    /// <summary>Gets the endpoint names, for suggestions.</summary>
    public IEnumerable<string> EndpointNames => _byEndpoint.Keys;

    public RequestDelegate CompiledHook(Delegate hook) => _hooks.Get(hook);

    /// <summary>Gets the rules of an endpoint in Werkzeug's build order, or <see langword="null"/> for an unknown endpoint.</summary>
    public List<RouteEntry>? RulesFor(string endpoint) => _byEndpoint.GetValueOrDefault(endpoint);

    /// <summary>Builds a URL; <paramref name="request"/> gives the blueprint for relative names and the host for external URLs.</summary>
    public string UrlFor(Request? request, string endpoint, object? values) => UrlBuilder.UrlFor(this, request, endpoint, values);

    /// <summary>The entry whose rule matches <paramref name="path"/> for <paramref name="method"/>, if any (for 308 and 405 answers).</summary>
    public RouteEntry? RuleFor(string path, string method) => Matcher.Match(path, method).Route;

    private void Index(RouteEntry entry)
    {
        if (!_byEndpoint.TryGetValue(entry.Endpoint, out var list))
        {
            _byEndpoint[entry.Endpoint] = list = [];
            entry.NamesEndpoint = true;
        }
        else if (!entry.HasAutomaticName && entry.Rule.RedirectTo is null
            && list.Find(other => other.Rule.RedirectTo is null && !other.Handler.SameAs(entry.Handler)) is { } clash)
        {
            // Rules that only redirect run no handler: they may share any endpoint, as in Werkzeug.
            throw new InvalidOperationException($"Endpoint '{entry.Endpoint}' is used by rule '{clash.Rule.Text}' with a different handler; rule '{entry.Rule.Text}' cannot reuse it. Give one of them another endpoint name.");
        }

        list.Add(entry);
    }

    /// <summary>Links a rule to the other rules of its endpoint: the rules that provide its defaults, and the names its handler binds from the route.</summary>
    private void Link(RouteEntry entry)
    {
        var siblings = _byEndpoint[entry.Endpoint];
        List<RouteEntry>? providers = null;
        foreach (var other in siblings)
        {
            // Werkzeug's get_default_redirect: only rules before this one in build order.
            if (ReferenceEquals(other, entry))
            {
                break;
            }

            if (other.Rule.ProvidesDefaultsFor(entry.Rule))
            {
                (providers ??= []).Add(other);
            }
        }

        entry.DefaultProviders = providers?.ToArray();
        var names = new HashSet<string>(entry.Rule.Arguments, StringComparer.Ordinal);
        if (!entry.HasAutomaticName)
        {
            foreach (var other in siblings)
            {
                if (other.Handler.SameAs(entry.Handler))
                {
                    names.UnionWith(other.Rule.Arguments);
                }
            }
        }

        entry.RouteNames = names;
    }
}
