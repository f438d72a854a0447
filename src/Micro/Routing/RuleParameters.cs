using Micro.Routing.Converters;

namespace Micro.Routing;

/// <summary>
/// Endpoint metadata describing a rule's variables for API descriptions: each variable's converter schema and the handler
/// parameter type it binds to (none when the handler does not take it). Read by Micro's OpenAPI transformer.
/// </summary>
internal sealed record RuleParameters(IReadOnlyList<RuleParameter> Items)
{
    /// <summary>
    /// Gets the names the handler binds from the route although the rule has no such variable (a default, a variable of
    /// another rule of the endpoint): never query parameters, whatever ApiExplorer infers.
    /// </summary>
    public IReadOnlyCollection<string> RouteOnly { get; init; } = [];
}

/// <summary>One rule variable: <c>&lt;int(min=1):id&gt;</c> is <c>id</c>, an integer of at least 1.</summary>
internal sealed record RuleParameter(string Name, ConverterSchema Schema, Type? BoundType);
