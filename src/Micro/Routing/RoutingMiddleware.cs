using Microsoft.AspNetCore.Http;

namespace Micro.Routing;

/// <summary>
/// Selects the endpoint for a request with the Werkzeug matcher (through <see cref="RouteAdapter"/>) and hands it to the
/// platform: it sets the ASP.NET Core endpoint and route values, so <c>UseRouting</c> skips its own matching and
/// authorization, CORS and the endpoint middleware work as usual. Requests Micro does not match fall through to the
/// platform's matcher (endpoints mapped directly on the <c>WebApplication</c>), then to Micro's 404 (see
/// <c>MicroApp.StartupFilter</c> for the order and why).
/// </summary>
internal sealed class RoutingMiddleware(RequestDelegate next, MicroApp app)
{
    public Task InvokeAsync(HttpContext context) =>
        new RouteAdapter(app.Table, context).Match() ? next(context) : Task.CompletedTask;
}
