using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Constraints;
using Microsoft.AspNetCore.Routing.Patterns;
using Micro.Routing.Converters;

namespace Micro.Routing;

/// <summary>
/// A rule's ASP.NET Core route pattern, for tooling (ApiExplorer, OpenAPI, <c>http.route</c>); Micro's matcher
/// never uses it. <c>/users/&lt;int(min=1):id&gt;</c> becomes <c>/users/{id}</c> with the route constraints that say what
/// the converter accepts (an integer, at least 1), as constraint instances: ApiExplorer hands those to OpenAPI, Swashbuckle
/// and NSwag, which turn them into schema keywords, while the raw text stays free of them (it is the low-cardinality
/// <c>http.route</c>).
/// </summary>
internal static class RoutePatterns
{
    public static RoutePattern For(Rule rule, IReadOnlyDictionary<string, Type> boundTypes)
    {
        var raw = RawText(rule);
        RoutePattern parsed;
        try
        {
            parsed = RoutePatternFactory.Parse(raw);
        }
        catch (RoutePatternException)
        {
            // Not expressible as an ASP.NET Core pattern (e.g. two variables in a row): keep the rule as the raw text.
            return RoutePatternFactory.Pattern(rule.Text, Array.Empty<RoutePatternPathSegment>());
        }

        var segments = parsed.PathSegments.Select(segment => RoutePatternFactory.Segment(segment.Parts.Select(part =>
            part is RoutePatternParameterPart parameter && rule.ConverterFor(parameter.Name) is { } converter
                ? RoutePatternFactory.ParameterPart(parameter.Name, null, RoutePatternParameterKind.Standard, Policies(converter.Schema, boundTypes.GetValueOrDefault(parameter.Name)))
                : part)));
        return RoutePatternFactory.Pattern(raw, segments);
    }

    /// <summary>The rule with each variable as <c>{name}</c>: <c>/files/&lt;path:name&gt;/raw</c> is <c>/files/{name}/raw</c>.</summary>
    public static string RawText(Rule rule)
    {
        var text = new System.Text.StringBuilder();
        foreach (var (isDynamic, data) in rule.Trace)
        {
            if (isDynamic)
            {
                text.Append('{').Append(data).Append('}');
            }
            else
            {
                text.Append(data.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal));
            }
        }

        return text.ToString();
    }

    private static RoutePatternParameterPolicyReference[] Policies(ConverterSchema schema, Type? bound)
    {
        var policies = new List<IParameterPolicy>();
        switch (schema.Kind)
        {
            case ConverterSchema.Integer:
                // The format follows the handler's parameter: a long is int64, anything else the default int32.
                policies.Add(bound == typeof(long) || bound == typeof(ulong) ? new LongRouteConstraint() : new IntRouteConstraint());
                break;
            case ConverterSchema.Number:
                policies.Add(bound == typeof(float) ? new FloatRouteConstraint() : bound == typeof(decimal) ? new DecimalRouteConstraint() : new DoubleRouteConstraint());
                break;
            case ConverterSchema.Uuid:
                policies.Add(new GuidRouteConstraint());
                break;
        }

        // Bounds the platform's constraints can hold (whole numbers); fractional ones are added by the OpenAPI transformer.
        if (schema.Minimum is { } min && min == Math.Floor(min))
        {
            policies.Add(new MinRouteConstraint((long)min));
        }

        if (schema.Maximum is { } max && max == Math.Floor(max))
        {
            policies.Add(new MaxRouteConstraint((long)max));
        }

        if (schema.MinLength is { } minLength && schema.MaxLength == minLength)
        {
            policies.Add(new LengthRouteConstraint(minLength));
        }
        else
        {
            if (schema.MinLength is { } least)
            {
                policies.Add(new MinLengthRouteConstraint(least));
            }

            if (schema.MaxLength is { } most)
            {
                policies.Add(new MaxLengthRouteConstraint(most));
            }
        }

        if (schema.Values is { } values)
        {
            policies.Add(new RegexRouteConstraint("^(?:" + string.Join('|', values.Select(System.Text.RegularExpressions.Regex.Escape)) + ")$"));
        }

        return policies.Select(RoutePatternFactory.ParameterPolicy).ToArray();
    }
}
