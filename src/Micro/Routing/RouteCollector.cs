using System.Reflection;
using Micro.Routing.Converters;

namespace Micro.Routing;

/// <summary>
/// Turns the registrations of the app and its blueprints into route entries, as Flask's <c>BlueprintSetupState</c>
/// does: URL prefixes joined, endpoint names prefixed with the blueprint's, the rule parsed.
/// </summary>
internal static class RouteCollector
{
    public static List<RouteEntry> Collect(MicroApp app)
    {
        var entries = new List<RouteEntry>();
        Collect(app, (IReadOnlyDictionary<string, Func<ConverterArguments, Converter>>)app.Converters, [app], "", "", null, entries);
        return entries;
    }

    private static void Collect(
        Scaffold scope,
        IReadOnlyDictionary<string, Func<ConverterArguments, Converter>> converters,
        List<Scaffold> chain,
        string urlPrefix,
        string namePrefix,
        string? blueprintName,
        List<RouteEntry> entries)
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

            var automaticName = registration.Endpoint is null;
            var name = registration.Endpoint is { } given
                ? (namePrefix.Length > 0 ? namePrefix + "." + given : given)
                : string.Join(',', registration.Methods) + " " + rule;
            var parsed = new Rule(rule, name, methods, registration.StrictSlashes, converters, registration.Defaults, registration.RedirectTo);
            entries.Add(new RouteEntry
            {
                Rule = parsed,
                Endpoint = name,
                HasAutomaticName = automaticName,
                Blueprint = blueprintName,
                Scopes = chain.ToArray(),
                Handler = registration.Handler,
                AutomaticOptions = automaticOptions,
                BoundTypes = BoundTypes(parsed, registration.Handler.Method),
                Conventions = registration.Conventions,
            });
        }

        foreach (var (blueprint, prefixOverride, nameOverride) in scope.Blueprints)
        {
            var childName = nameOverride ?? blueprint.Name;
            var fullName = namePrefix.Length > 0 ? namePrefix + "." + childName : childName;
            var childPrefix = prefixOverride ?? blueprint.UrlPrefix;
            var prefix = childPrefix is null ? urlPrefix : Join(urlPrefix, childPrefix);
            blueprint.MarkRegistered();
            Collect(blueprint, converters, [.. chain, blueprint], prefix, fullName, fullName, entries);
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
            if (parameter.Name is { } name && rule.ConverterFor(name) is not null)
            {
                types[name] = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
            }
        }

        return types;
    }
}
