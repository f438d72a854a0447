using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Micro.Hosting;
using Micro.Routing.Converters;

namespace Micro.Routing;

/// <summary>
/// Selects the endpoint for a request with the Werkzeug matcher and hands it to the platform: it sets the
/// ASP.NET Core endpoint and route values, so <c>UseRouting</c> skips its own matching and authorization,
/// CORS and the endpoint middleware work as usual. Requests Micro does not match fall through to the
/// platform's matcher (endpoints mapped directly on the <c>WebApplication</c>), then to Micro's 404 (see
/// <c>MicroApp.StartupFilter</c> for the order and why).
/// </summary>
internal sealed class RoutingMiddleware(RequestDelegate next, MicroApp app)
{
    public Task InvokeAsync(HttpContext context)
    {
        var table = app.Table;
        // Path and method as Werkzeug has them: RequestPathMiddleware, first in the pipeline, made them the request's.
        var outcome = table.Matcher.Match(PathDecoding.MatchPath(context), context.Request.Method, context);
        if (outcome.IsAborted)
        {
            // The client went away while matching: nothing is left to answer.
            return Task.CompletedTask;
        }

        var micro = MicroContext.GetOrCreate(context, table);

        if (outcome.Rule is { } rule)
        {
            var entry = RouteTable.EntryFor(rule);
            if (Convert(entry, outcome.Values, micro, context))
            {
                micro.Route = entry;
                micro.Endpoint = entry.AspNetEndpoint;
                RouteDiagnostics.Tag(context, entry.Route);
                return next(context);
            }

            outcome = MatchOutcome.NoMatch(outcome.AllowedMethods);
        }

        if (outcome.RedirectPath is { } redirect)
        {
            var location = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}{UrlEncoding.QuotePath(redirect)}{context.Request.QueryString}";
            var error = new HttpException(308, "The URL was moved permanently; use the new URL.");
            error.Headers.Location = location;
            micro.RoutingError = error;
            SetErrorEndpoint(context, table, table.RuleFor(redirect, context.Request.Method));
        }
        else if (outcome.AllowedMethods.Count > 0)
        {
            var error = new HttpException(405);
            var allowed = outcome.AllowedMethods.Order(StringComparer.Ordinal).ToArray();
            error.Headers.Allow = string.Join(", ", allowed);
            micro.RoutingError = error;
            SetErrorEndpoint(context, table, table.RuleFor(PathDecoding.MatchPath(context), allowed[0]));
        }

        // No match: the platform's matcher tries the endpoints mapped on the WebApplication; Micro's 404 comes after them.
        return next(context);
    }

    /// <summary>
    /// A 308 or 405 is Micro's answer for <paramref name="entry"/>'s rule: its routing-error endpoint carries the rule's
    /// <c>http.route</c> and none of the rule's own metadata (authorization and the like are for the handler).
    /// </summary>
    private static void SetErrorEndpoint(HttpContext context, RouteTable table, RouteEntry? entry)
    {
        if (entry is null)
        {
            context.SetEndpoint(table.RoutingErrorEndpoint);
            return;
        }

        context.SetEndpoint(entry.RoutingErrorEndpoint);
        RouteDiagnostics.Tag(context, entry.Route);
    }

    private static bool Convert(RouteEntry entry, string[] values, MicroContext micro, HttpContext context)
    {
        var converters = entry.Rule.Converters;
        if (converters.Count == 0)
        {
            return true;
        }

        var routeValues = micro.RouteValues;
        var count = Math.Min(values.Length, converters.Count);
        for (var i = 0; i < count; i++)
        {
            var (name, converter) = converters[i];
            var text = values[i];
            try
            {
                micro.SetViewArg(name, converter.ToValue(text));
            }
            catch (ValidationException)
            {
                micro.ClearViewArgs();
                routeValues.Clear();
                return false;
            }
            catch (Exception error) when (error is FormatException or OverflowException)
            {
                // A converter that cannot parse what its own regex matched: treat as no match, like Werkzeug's ValueError.
                micro.ClearViewArgs();
                routeValues.Clear();
                return false;
            }

            // A value that does not fit the handler's parameter type (e.g. 2^40 for an int) is no match: 404, never 400.
            if (entry.BoundTypes.TryGetValue(name, out var type) && !ValueBinding.Fits(type, text))
            {
                micro.ClearViewArgs();
                routeValues.Clear();
                return false;
            }

            routeValues[name] = text;
        }

        return true;
    }
}
