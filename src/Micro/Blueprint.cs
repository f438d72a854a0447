using Microsoft.AspNetCore.Builder;
using Micro.Routing;

namespace Micro;

/// <summary>
/// A group of routes, hooks and error handlers with a name and a URL prefix, registered on an app (or another
/// blueprint) with <see cref="Scaffold.Register(Blueprint, string?, string?)"/>. Endpoints are named
/// <c>blueprint.endpoint</c>; inside the blueprint <c>UrlFor(".endpoint")</c> is relative.
/// </summary>
/// <example>
/// <code>
/// var admin = new Blueprint("admin", urlPrefix: "/admin");
/// admin.Get("/", () => "Admin home", endpoint: "index");
/// app.Register(admin);   // GET /admin/ is "admin.index"
/// </code>
/// </example>
/// <remarks>
/// A blueprint is also a convention builder for all its routes, as a route group is in Minimal APIs:
/// <c>admin.RequireAuthorization().WithTags("admin")</c> applies to each of its endpoints (and those of blueprints
/// registered on it) before the route's own conventions.
/// </remarks>
public sealed class Blueprint : Scaffold, IEndpointConventionBuilder
{
    private bool _registered;

    /// <summary>Creates a blueprint.</summary>
    /// <param name="name">Its name, the prefix of its endpoint names; no dots.</param>
    /// <param name="urlPrefix">The path prefix of its rules, e.g. <c>/admin</c>.</param>
    public Blueprint(string name, string? urlPrefix = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.Contains('.', StringComparison.Ordinal))
        {
            throw new ArgumentException($"Blueprint name '{name}' may not contain a dot.", nameof(name));
        }

        Name = name;
        UrlPrefix = urlPrefix;
    }

    /// <summary>Gets the name.</summary>
    public string Name { get; }

    /// <summary>Gets the URL prefix.</summary>
    public string? UrlPrefix { get; }

    internal ConventionCollector Conventions { get; } = new();

    /// <summary>Adds a convention applied to every endpoint of the blueprint, before each route's own.</summary>
    /// <param name="convention">The convention, e.g. one added by <c>WithTags</c> or <c>RequireAuthorization</c>.</param>
    public void Add(Action<EndpointBuilder> convention)
    {
        ArgumentNullException.ThrowIfNull(convention);
        EnsureOpen("a convention");
        Conventions.Add(convention);
    }

    /// <summary>Adds a convention applied to every endpoint of the blueprint after all other conventions.</summary>
    /// <param name="finallyConvention">The convention.</param>
    public void Finally(Action<EndpointBuilder> finallyConvention)
    {
        ArgumentNullException.ThrowIfNull(finallyConvention);
        EnsureOpen("a convention");
        Conventions.Finally(finallyConvention);
    }

    internal void MarkRegistered() => _registered = true;

    internal override void EnsureOpen(string what)
    {
        if (_registered)
        {
            throw new InvalidOperationException($"Cannot add {what} to blueprint '{Name}': the app using it has already started. Add routes, hooks and handlers before app.Run().");
        }
    }
}
