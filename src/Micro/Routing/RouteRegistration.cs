using Microsoft.AspNetCore.Builder;

namespace Micro.Routing;

/// <summary>One call to <c>Route</c>, before prefixes are applied and the app is built.</summary>
internal sealed record RouteRegistration(string Rule, HandlerSource Handler, string[] Methods, string? Endpoint, bool StrictSlashes)
{
    public ConventionCollector Conventions { get; } = new();

    /// <summary>Gets Werkzeug's rule <c>defaults</c>, if any.</summary>
    public IReadOnlyDictionary<string, object?>? Defaults { get; init; }

    /// <summary>Gets Werkzeug's <c>redirect_to</c>, if any.</summary>
    public RedirectTarget? RedirectTo { get; init; }
}

/// <summary>Collects ASP.NET Core endpoint conventions to apply when the endpoint is built.</summary>
internal sealed class ConventionCollector : IEndpointConventionBuilder
{
    public List<Action<EndpointBuilder>> Conventions { get; } = [];

    public List<Action<EndpointBuilder>> FinallyConventions { get; } = [];

    public void Add(Action<EndpointBuilder> convention) => Conventions.Add(convention);

    public void Finally(Action<EndpointBuilder> finallyConvention) => FinallyConventions.Add(finallyConvention);
}
