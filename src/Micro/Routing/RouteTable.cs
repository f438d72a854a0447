using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Micro.Routing.Converters;

namespace Micro.Routing;

/// <summary>
/// The app's routes once it starts: every registration with prefixes applied, parsed, checked for mistakes,
/// compiled by the platform into endpoints, and loaded into the Werkzeug matcher.
/// </summary>
internal sealed partial class RouteTable
{
    private readonly Dictionary<Delegate, Lazy<RequestDelegate>> _hooks = [];
    private readonly Dictionary<string, List<RouteEntry>> _byEndpoint = new(StringComparer.Ordinal);

    public RouteTable(MicroApp app, IServiceProvider services, RequestDelegate dispatch)
    {
        App = app;
        Services = services;
        RoutingErrorEndpoint = new Endpoint(dispatch, EndpointMetadataCollection.Empty, "Micro routing error");
        JsonOptions = (services.GetService(typeof(Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>)) as Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>)?.Value.SerializerOptions
            ?? System.Text.Json.JsonSerializerOptions.Web;
        AppScopes = [app];
        var entries = new List<RouteEntry>();
        Collect(app, [app], "", "", null, entries);
        Entries = entries;

        foreach (var entry in entries)
        {
            Matcher.Add(entry.Rule);
            if (!_byEndpoint.TryGetValue(entry.Endpoint, out var list))
            {
                _byEndpoint[entry.Endpoint] = list = [];
            }
            else if (entry.Handler is var handler && list.Find(other => !other.Handler.SameAs(handler)) is { } clash && !IsAutomaticName(entry.Endpoint))
            {
                throw new InvalidOperationException($"Endpoint '{entry.Endpoint}' is used by rule '{clash.Rule.Text}' with a different handler; rule '{entry.Rule.Text}' cannot reuse it. Give one of them another endpoint name.");
            }

            list.Add(entry);
        }

        // Werkzeug's build order: rules using more arguments first (a stable sort keeps registration order).
        foreach (var list in _byEndpoint.Values)
        {
            var sorted = list.OrderBy(entry => -entry.Rule.Converters.Count).ToList();
            list.Clear();
            list.AddRange(sorted);
        }

        Matcher.Update();

        foreach (var entry in entries)
        {
            Build(entry, services, dispatch);
        }

        foreach (var scope in AllScopes(app))
        {
            foreach (var hook in scope.BeforeHooks.Concat(scope.AfterHooks))
            {
                if (!_hooks.ContainsKey(hook))
                {
                    _hooks[hook] = HandlerCompiler.Prepare(HandlerSource.FromDelegate(hook), services, null);
                }
            }
        }
    }

    public MicroApp App { get; }

    /// <summary>Gets the app's JSON options (ASP.NET Core's <c>JsonOptions</c>), resolved once.</summary>
    public System.Text.Json.JsonSerializerOptions JsonOptions { get; }

    public IServiceProvider Services { get; }

    public IReadOnlyList<RouteEntry> Entries { get; }

    public StateMachineMatcher Matcher { get; } = new();

    public IReadOnlyList<Scaffold> AppScopes { get; }

    public RequestDelegate CompiledHook(Delegate hook) => _hooks[hook].Value;

    /// <summary>Gets the endpoint of a 308 or 405 answer whose rule cannot be told (none in practice).</summary>
    public Endpoint RoutingErrorEndpoint { get; }

    public static RouteEntry EntryFor(Rule rule) => rule.Entry!;

    private static bool IsAutomaticName(string endpoint) => endpoint.Contains(' ', StringComparison.Ordinal);

    private static IEnumerable<Scaffold> AllScopes(Scaffold scope)
    {
        yield return scope;
        foreach (var (blueprint, _, _) in scope.Blueprints)
        {
            foreach (var inner in AllScopes(blueprint))
            {
                yield return inner;
            }
        }
    }

    private void Collect(Scaffold scope, List<Scaffold> chain, string urlPrefix, string namePrefix, string? blueprintName, List<RouteEntry> entries)
    {
        foreach (var registration in scope.Routes)
        {
            var rule = Join(urlPrefix, registration.Rule);
            var methods = new List<string>(registration.Methods);
            var automaticOptions = !methods.Contains("OPTIONS");
            if (automaticOptions)
            {
                methods.Add("OPTIONS");
            }

            var name = registration.Endpoint is { } given
                ? (namePrefix.Length > 0 ? namePrefix + "." + given : given)
                : string.Join(',', registration.Methods) + " " + rule;
            var parsed = new Rule(rule, name, methods, registration.StrictSlashes, (IReadOnlyDictionary<string, Func<ConverterArguments, Converter>>)App.Converters);
            var entry = new RouteEntry
            {
                Rule = parsed,
                Endpoint = name,
                Blueprint = blueprintName,
                Scopes = chain.ToArray(),
                Handler = registration.Handler,
                AutomaticOptions = automaticOptions,
                BoundTypes = BoundTypes(parsed, registration.Handler.Method),
                Conventions = registration.Conventions,
            };
            parsed.Entry = entry;
            entries.Add(entry);
        }

        foreach (var (blueprint, prefixOverride, nameOverride) in scope.Blueprints)
        {
            var childName = nameOverride ?? blueprint.Name;
            var fullName = namePrefix.Length > 0 ? namePrefix + "." + childName : childName;
            var childPrefix = prefixOverride ?? blueprint.UrlPrefix;
            var prefix = childPrefix is null ? urlPrefix : Join(urlPrefix, childPrefix);
            blueprint.MarkRegistered();
            Collect(blueprint, [.. chain, blueprint], prefix, fullName, fullName, entries);
        }
    }

    // Flask's BlueprintSetupState: "/".join((prefix.rstrip("/"), rule.lstrip("/"))), or the prefix alone.
    private static string Join(string prefix, string rule) =>
        prefix.Length == 0 ? rule : rule.Length == 0 ? prefix : prefix.TrimEnd('/') + "/" + rule.TrimStart('/');

    private static Dictionary<string, Type> BoundTypes(Rule rule, MethodInfo method)
    {
        var types = new Dictionary<string, Type>(StringComparer.Ordinal);
        foreach (var parameter in method.GetParameters())
        {
            if (parameter.Name is { } name && rule.Converters.Exists(pair => pair.Key == name))
            {
                types[name] = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
            }
        }

        return types;
    }

    private void Build(RouteEntry entry, IServiceProvider services, RequestDelegate dispatch)
    {
        var rule = entry.Rule;
        var pattern = RoutePatterns.For(rule, entry.BoundTypes);
        entry.Route = pattern.RawText ?? rule.Text;
        var builder = new RouteEndpointBuilder(null, pattern, 0)
        {
            DisplayName = $"{entry.Endpoint} ({string.Join(", ", rule.Methods.Order(StringComparer.Ordinal))} {rule.Text})",
        };

        // Metadata in Minimal APIs' order, so the same later-wins rules apply: blueprint conventions (outermost first, like
        // route groups), the handler's MethodInfo and attributes (its class's first, for attribute routes), what the
        // platform infers from the signature, Micro's own, then the route's conventions.
        foreach (var scope in entry.Scopes)
        {
            if (scope is Blueprint blueprint)
            {
                foreach (var convention in blueprint.Conventions.Conventions)
                {
                    convention(builder);
                }
            }
        }

        var method = entry.Handler.Method;
        builder.Metadata.Add(method);
        if (entry.Handler.DeclaringType is { } declaring)
        {
            foreach (var attribute in declaring.GetCustomAttributes(inherit: true))
            {
                builder.Metadata.Add(attribute);
            }
        }

        foreach (var attribute in method.GetCustomAttributes(inherit: true))
        {
            builder.Metadata.Add(attribute);
        }

        var inferredFrom = builder.Metadata.Count;
        entry.Compiled = HandlerCompiler.Prepare(entry.Handler, services, rule.Converters.Select(pair => pair.Key), builder);
        builder.RequestDelegate = dispatch;
        ApiMetadata.Describe(builder, entry, inferredFrom);
        builder.Metadata.Add(new MicroEndpointMetadata(entry.Endpoint, rule.Text, rule.Methods.ToArray()));
        builder.Metadata.Add(new Hosting.RouteDiagnostics(entry.Route));

        // Micro's matcher selects these endpoints; the DFA matcher must not (its rules differ from Werkzeug's). Links are
        // Micro's too (UrlFor): the platform's LinkGenerator would build them from the pattern, without the converters.
        builder.Metadata.Add(new SuppressMatchingMetadata());
        builder.Metadata.Add(new SuppressLinkGenerationMetadata());
        var conventions = entry.Conventions;
        foreach (var convention in conventions.Conventions)
        {
            convention(builder);
        }

        foreach (var convention in conventions.FinallyConventions)
        {
            convention(builder);
        }

        for (var s = entry.Scopes.Count - 1; s >= 0; s--)
        {
            if (entry.Scopes[s] is Blueprint blueprint)
            {
                foreach (var convention in blueprint.Conventions.FinallyConventions)
                {
                    convention(builder);
                }
            }
        }

        entry.AspNetEndpoint = (RouteEndpoint)builder.Build();

        // The endpoint of Micro's 308 and 405 answers for this rule: the rule's route for metrics and traces, nothing else.
        entry.RoutingErrorEndpoint = new RouteEndpoint(
            dispatch,
            pattern,
            0,
            new EndpointMetadataCollection(new Hosting.RouteDiagnostics(entry.Route), new SuppressMatchingMetadata(), new SuppressLinkGenerationMetadata()),
            $"{entry.Endpoint} routing error ({rule.Text})");
    }

    /// <summary>The entry whose rule matches <paramref name="path"/> for <paramref name="method"/>, if any (for 308 and 405 answers).</summary>
    public RouteEntry? RuleFor(string path, string method) => Matcher.Match(path, method).Rule is { } rule ? EntryFor(rule) : null;

    internal static Converter? Find(Rule rule, string name) => rule.Converters.Find(pair => pair.Key == name).Value;
}
