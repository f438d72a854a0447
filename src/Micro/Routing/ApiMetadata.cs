using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;

namespace Micro.Routing;

/// <summary>
/// The metadata ASP.NET Core's ApiExplorer (and so OpenAPI, Swashbuckle, NSwag) reads, for one of Micro's endpoints:
/// its methods, its name (the <c>operationId</c>), its rule variables, and responses as Micro sends them.
/// </summary>
internal static class ApiMetadata
{
    public static void Describe(RouteEndpointBuilder builder, RouteEntry entry, int inferredFrom)
    {
        // HEAD and OPTIONS are Werkzeug's automatic answers, not operations of their own.
        var methods = entry.Rule.Methods.Where(method => method is not ("HEAD" or "OPTIONS")).Order(StringComparer.Ordinal).ToArray();
        builder.Metadata.Add(new HttpMethodMetadata(methods.Length > 0 ? methods : entry.Rule.Methods.ToArray()));

        // Named endpoints only: an unnamed lambda's automatic name ("GET /users/<int:id>") is not an identifier. One
        // endpoint per name: the platform's matcher refuses two endpoints with one name, Werkzeug has many rules per endpoint.
        if (!entry.HasAutomaticName && entry.NamesEndpoint)
        {
            builder.Metadata.Add(new EndpointNameMetadata(entry.Endpoint));
        }

        builder.Metadata.Add(new RuleParameters(entry.Rule.Converters
            .Select(pair => new RuleParameter(pair.Key, pair.Value.Schema, entry.BoundTypes.GetValueOrDefault(pair.Key)))
            .ToArray())
        {
            RouteOnly = entry.RouteNames.Where(name => entry.Rule.ConverterFor(name) is null).ToArray(),
        });
        CorrectResponses(builder, inferredFrom, entry.Handler.Method.ReturnType);
    }

    /// <summary>
    /// The platform infers responses from the return type as Minimal APIs send them; Micro sends some differently (Flask's
    /// conversions): a string is HTML, not plain text, and a <see cref="Response"/> or a (body, status) tuple says nothing
    /// about its body until it runs, so nothing is claimed for them.
    /// </summary>
    /// <param name="builder">The endpoint.</param>
    /// <param name="inferredFrom">The index of the first metadata item the platform inferred; earlier ones are the user's.</param>
    /// <param name="returnType">The handler's return type.</param>
    private static void CorrectResponses(RouteEndpointBuilder builder, int inferredFrom, Type returnType)
    {
        var type = Unwrap(returnType);
        for (var i = builder.Metadata.Count - 1; i >= inferredFrom; i--)
        {
            if (builder.Metadata[i] is not IProducesResponseTypeMetadata { StatusCode: 200 })
            {
                continue;
            }

            if (type == typeof(string))
            {
                builder.Metadata[i] = new ProducesResponseTypeMetadata(200, typeof(string), ["text/html"]);
            }
            else if (type == typeof(Response) || typeof(ITuple).IsAssignableFrom(type) || type == typeof(object))
            {
                builder.Metadata.RemoveAt(i);
            }
        }
    }

    private static Type Unwrap(Type type) =>
        type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Task<>) || type.GetGenericTypeDefinition() == typeof(ValueTask<>))
            ? type.GetGenericArguments()[0]
            : type;
}
