using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace Micro.Hosting;

/// <summary>
/// The <c>http.route</c> of one of Micro's endpoints: the rule in ASP.NET Core's template form (<c>/users/{id}</c> for
/// <c>/users/&lt;int:id&gt;</c>), the same text as the endpoint's <c>RoutePattern.RawText</c> and the path in OpenAPI
/// documents. ASP.NET Core's <c>http.server.request.duration</c> reads it from the endpoint as metadata; the request's
/// activity gets it from <see cref="Tag"/>, because the platform tags its activity with nothing.
/// </summary>
internal sealed record RouteDiagnostics(string Route) : IRouteDiagnosticsMetadata
{
    /// <summary>Tags the request's activity with <c>http.route</c>, only when a listener records it.</summary>
    public static void Tag(HttpContext context, string route)
    {
        // The common case (nobody traces, or only logging created the activity) costs one AsyncLocal read.
        if (Activity.Current is not { } current || !current.Source.HasListeners())
        {
            return;
        }

        var activity = context.Features.Get<IHttpActivityFeature>()?.Activity ?? current;
        if (activity.IsAllDataRequested)
        {
            activity.SetTag("http.route", route);
        }
    }
}
