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
            foreach (var hook in scope.BeforeHooks.Concat(scope.AfterHooks).Concat(scope.CodeHandlers.Values))
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
        var builder = new RouteEndpointBuilder(null, Pattern(entry.Rule), 0)
        {
            DisplayName = $"{entry.Endpoint} ({string.Join(", ", entry.Rule.Methods.Order(StringComparer.Ordinal))} {entry.Rule.Text})",
        };
        entry.Compiled = HandlerCompiler.Prepare(entry.Handler, services, entry.Rule.Converters.Select(pair => pair.Key), builder);
        builder.RequestDelegate = dispatch;
        builder.Metadata.Add(new MicroEndpointMetadata(entry.Endpoint, entry.Rule.Text, entry.Rule.Methods.ToArray()));
        builder.Metadata.Add(new HttpMethodMetadata(entry.Rule.Methods.ToArray()));

        // Micro's matcher selects these endpoints; the DFA matcher must not (its rules differ from Werkzeug's).
        builder.Metadata.Add(new SuppressMatchingMetadata());
        var conventions = entry.Conventions;
        foreach (var convention in conventions.Conventions)
        {
            convention(builder);
        }

        foreach (var convention in conventions.FinallyConventions)
        {
            convention(builder);
        }

        entry.AspNetEndpoint = (RouteEndpoint)builder.Build();
    }

    /// <summary>An ASP.NET Core pattern equivalent for tooling (the matcher does not use it).</summary>
    private static RoutePattern Pattern(Rule rule)
    {
        var text = Variable().Replace(rule.Text, match => "{" + match.Groups["name"].Value + "}");
        try
        {
            return RoutePatternFactory.Parse(text);
        }
        catch (RoutePatternException)
        {
            // Not expressible as an ASP.NET Core pattern (e.g. path mid-rule): keep the rule as the raw text.
            return RoutePatternFactory.Pattern(rule.Text, Array.Empty<RoutePatternPathSegment>());
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"<(?:[a-zA-Z_][a-zA-Z0-9_]*(?:\(.*?\))?:)?(?<name>[a-zA-Z_][a-zA-Z0-9_]*)>")]
    private static partial System.Text.RegularExpressions.Regex Variable();

    internal static Converter? Find(Rule rule, string name) => rule.Converters.Find(pair => pair.Key == name).Value;
}
