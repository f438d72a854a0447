using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Micro.Routing;

namespace Micro.Files;

/// <summary>
/// Registers Flask's <c>static</c> endpoint: a route <c>/static/&lt;path:filename&gt;</c> served with
/// send_from_directory. A route rather than the StaticFiles middleware so that <c>UrlFor("static", ...)</c>,
/// hooks and error handlers work on it as in Flask; the file itself is still sent by the platform's file result.
/// </summary>
internal static class StaticRoute
{
    public const string Endpoint = "static";

    /// <summary>Adds the app's static route unless it is turned off or the app registered its own <c>static</c> endpoint.</summary>
    public static void Register(MicroApp app, IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<MicroStaticOptions>>().Value;
        if (string.IsNullOrEmpty(options.Folder) || app.Routes.Exists(route => route.Endpoint == Endpoint))
        {
            return;
        }

        var route = Add(app, options.Folder, options.UrlPath);
        if (!options.ListInApiDescription)
        {
            route.ExcludeFromDescription();
        }
    }

    public static IEndpointConventionBuilder Add(Scaffold scope, string folder, string urlPath)
    {
        var rule = urlPath.TrimEnd('/') + "/<path:filename>";
        return scope.AddRoute(rule, HandlerSource.FromDelegate((string filename) => new Response(new FileSender { Directory = folder, Path = filename })), ["GET"], Endpoint, strictSlashes: true);
    }
}
