using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Micro.Routing;

/// <summary>
/// Builds a route entry's ASP.NET Core <see cref="RouteEndpoint"/>: its pattern, metadata in Minimal APIs' order, the
/// conventions of its blueprints and its own, and the handler prepared by the platform.
/// </summary>
internal static class RouteEndpointFactory
{
    public static void Build(RouteEntry entry, IServiceProvider services, RequestDelegate dispatch)
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

        // Route names, not only the rule's variables: a parameter named after a variable or default of any rule of the
        // endpoint binds from the route (or takes its own default), never from the query string, as a Flask view.
        entry.Compiled = HandlerCompiler.Prepare(entry.Handler, services, entry.RouteNames, builder);
        KeepDeclaredAntiforgery(builder, inferredFrom);
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

    /// <summary>
    /// A blueprint's or handler's own CSRF decision (<c>blueprint.DisableCsrf()</c>, an antiforgery attribute) is not
    /// overridden by the requirement the platform infers from a form parameter: the inferred one is dropped when an
    /// earlier one exists. Route conventions come after both and still win.
    /// </summary>
    private static void KeepDeclaredAntiforgery(RouteEndpointBuilder builder, int inferredFrom)
    {
        var metadata = builder.Metadata;
        var declared = false;
        for (var i = 0; i < inferredFrom && !declared; i++)
        {
            declared = metadata[i] is Microsoft.AspNetCore.Antiforgery.IAntiforgeryMetadata;
        }

        if (!declared)
        {
            return;
        }

        for (var i = metadata.Count - 1; i >= inferredFrom; i--)
        {
            if (metadata[i] is Microsoft.AspNetCore.Antiforgery.IAntiforgeryMetadata)
            {
                metadata.RemoveAt(i);
            }
        }
    }
}
