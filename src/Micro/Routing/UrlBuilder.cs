using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using Micro.Routing.Converters;

namespace Micro.Routing;

/// <summary>URL building (Flask's <c>url_for</c> over Werkzeug's <c>MapAdapter.build</c>) from a route table's rules.</summary>
internal static class UrlBuilder
{
    /// <summary>Builds a URL; <paramref name="request"/> gives the blueprint for relative names and the host for external URLs.</summary>
    public static string UrlFor(RouteTable table, Request? request, string endpoint, object? values)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var arguments = ToDictionary(values);
        string? anchor = Take(arguments, "_anchor")?.ToString();
        var method = Take(arguments, "_method")?.ToString();
        var scheme = Take(arguments, "_scheme")?.ToString();
        var externalValue = Take(arguments, "_external");
        var external = externalValue is bool flag ? flag : scheme is not null;
        if (scheme is not null && externalValue is false)
        {
            throw new ArgumentException("When specifying '_scheme', '_external' must be true.", nameof(values));
        }

        if (endpoint.StartsWith('.'))
        {
            endpoint = request?.Blueprint is { } blueprint ? blueprint + endpoint : endpoint[1..];
        }

        // Werkzeug drops None values before building.
        foreach (var key in arguments.Where(pair => pair.Value is null).Select(pair => pair.Key).ToList())
        {
            arguments.Remove(key);
        }

        var path = BuildPath(table, endpoint, arguments, method)
            ?? throw BuildError(table, endpoint, arguments, method);

        var pathBase = request?.HttpContext.Request.PathBase.Value ?? "";
        string url;
        if (external)
        {
            if (request is null)
            {
                throw new InvalidOperationException($"Cannot build an external URL for '{endpoint}' outside a request: the host is unknown. Call UrlFor on the Request.");
            }

            var http = request.HttpContext.Request;
            var effectiveScheme = scheme ?? http.Scheme;
            url = $"{effectiveScheme}://{http.Host}{pathBase.TrimEnd('/')}/{path.TrimStart('/')}";
        }
        else
        {
            url = $"{pathBase.TrimEnd('/')}/{path.TrimStart('/')}";
        }

        if (anchor is not null)
        {
            url += "#" + UrlEncoding.Quote(anchor, UrlEncoding.AnchorSafe, plus: false);
        }

        return url;
    }

    private static string? BuildPath(RouteTable table, string endpoint, Dictionary<string, object?> values, string? method)
    {
        if (table.RulesFor(endpoint) is not { } rules)
        {
            return null;
        }

        // Without a method, rules answering GET are preferred, then any rule.
        if (method is null && BuildWith(rules, values, "GET") is { } preferred)
        {
            return preferred;
        }

        return BuildWith(rules, values, method);
    }

    private static string? BuildWith(List<RouteEntry> rules, Dictionary<string, object?> values, string? method)
    {
        foreach (var entry in rules)
        {
            // Werkzeug's suitable_for: the method, every argument given or defaulted, no default contradicted.
            var rule = entry.Rule;
            if (!rule.SuitableFor(values, method))
            {
                continue;
            }

            try
            {
                return Build(rule, values);
            }
            catch (ValidationException)
            {
                // Werkzeug: a converter refusing the value makes the rule unsuitable; try the next.
            }
        }

        return null;
    }

    /// <summary>Builds the path of <paramref name="rule"/>, the values that are not its arguments as the query string.</summary>
    public static string Build(Rule rule, IReadOnlyDictionary<string, object?> values)
    {
        var builder = new StringBuilder();
        foreach (var (isDynamic, data) in rule.Trace)
        {
            // Werkzeug: a default given for a variable of the rule itself is a constant of the rule.
            builder.Append(!isDynamic ? UrlEncoding.QuotePath(data)
                : rule.Defaults is { } defaults && defaults.TryGetValue(data, out var constant) ? rule.ConverterFor(data)!.ToUrl(constant)
                : rule.ConverterFor(data)!.ToUrl(values[data]));
        }

        var unknown = values.Where(pair => !rule.Arguments.Contains(pair.Key)).ToList();
        if (unknown.Count > 0)
        {
            var query = UrlEncoding.EncodeQuery(unknown);
            if (query.Length > 0)
            {
                builder.Append('?').Append(query);
            }
        }

        return builder.ToString();
    }

    private static UrlBuildException BuildError(RouteTable table, string endpoint, Dictionary<string, object?> values, string? method)
    {
        if (table.RulesFor(endpoint) is not { } rules)
        {
            var names = table.Entries.Where(entry => !entry.HasAutomaticName).Select(entry => entry.Endpoint).Distinct();
            var suggestion = Suggest.Closest(endpoint, names);
            return new UrlBuildException(endpoint, $"Could not build url for endpoint '{endpoint}'." + (suggestion is null ? "" : $" Did you mean '{suggestion}' instead?"));
        }

        var candidates = method is null ? rules : rules.Where(entry => entry.Rule.Methods.Contains(method)).ToList();
        if (candidates.Count == 0)
        {
            return new UrlBuildException(endpoint, $"Could not build url for endpoint '{endpoint}' ('{method}'). Did you mean to use methods {string.Join(", ", rules.SelectMany(r => r.Rule.Methods).Distinct().Order(StringComparer.Ordinal))}?");
        }

        var missing = candidates
            .Select(entry => entry.Rule.Arguments.Where(key => !values.ContainsKey(key) && entry.Rule.Defaults?.ContainsKey(key) != true).Order(StringComparer.Ordinal).ToList())
            .OrderBy(list => list.Count)
            .First();
        return missing.Count > 0
            ? new UrlBuildException(endpoint, $"Could not build url for endpoint '{endpoint}'. Did you forget to specify values [{string.Join(", ", missing.Select(m => $"'{m}'"))}]?")
            : new UrlBuildException(endpoint, $"Could not build url for endpoint '{endpoint}' with values [{string.Join(", ", values.Keys.Select(k => $"'{k}'"))}]: a converter refused a value.");
    }

    private static object? Take(Dictionary<string, object?> values, string key)
    {
        if (values.Remove(key, out var value))
        {
            return value;
        }

        return null;
    }

    /// <summary>Route values given as an anonymous object or a dictionary, by name (url_for's values, a rule's defaults).</summary>
    internal static Dictionary<string, object?> ToDictionary(object? values)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        switch (values)
        {
            case null:
                break;
            case IEnumerable<KeyValuePair<string, object?>> pairs:
                foreach (var (key, value) in pairs)
                {
                    result[key] = value;
                }

                break;
            case IDictionary dictionary:
                foreach (DictionaryEntry entry in dictionary)
                {
                    result[Convert.ToString(entry.Key, CultureInfo.InvariantCulture)!] = entry.Value;
                }

                break;
            default:
                foreach (var property in values.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
                {
                    if (property.GetIndexParameters().Length == 0)
                    {
                        result[property.Name] = property.GetValue(values);
                    }
                }

                break;
        }

        return result;
    }
}
