using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Micro.Hosting;
using Micro.Routing.Converters;

namespace Micro.Routing;

/// <summary>
/// Werkzeug's <c>MapAdapter.match</c>: the route table bound to one request. It runs the matcher and turns its signals
/// into Micro's decisions: the route (values converted, the rule's defaults added), or a 308 (a slash to add, slashes to
/// merge, a rule with the same defaults, the rule's <c>redirect_to</c>), or a 405 with <c>Allow</c>; a request nothing
/// matched is left for the platform's endpoints and Micro's 404. A struct: binding it allocates nothing.
/// </summary>
internal readonly partial struct RouteAdapter(RouteTable table, HttpContext context)
{
    /// <summary>
    /// Matches the request and records the decision on its <see cref="MicroContext"/> (route and endpoint, or the routing
    /// error and the endpoint of that answer).
    /// </summary>
    /// <returns><see langword="false"/> when the client went away while matching: nothing is left to answer.</returns>
    public bool Match()
    {
        // Path and method as Werkzeug has them: RequestPathMiddleware, first in the pipeline, made them the request's.
        var path = PathDecoding.MatchPath(context);
        var method = context.Request.Method;
        var outcome = table.Matcher.Match(path, method, context);
        if (outcome.IsAborted)
        {
            return false;
        }

        var micro = MicroContext.GetOrCreate(context, table);
        if (outcome.Route is { } entry)
        {
            if (Convert(entry, outcome.Values, micro))
            {
                // Werkzeug checks redirect_defaults, then redirect_to, once the rule matched: both are rare, one test each.
                if (entry.DefaultProviders is { } providers && RedirectForDefaults(entry, providers, micro, method))
                {
                    return true;
                }

                if (entry.Rule.RedirectTo is { } target)
                {
                    RedirectTo(entry, target, micro);
                    return true;
                }

                micro.Route = entry;
                micro.Endpoint = entry.AspNetEndpoint;
                RouteDiagnostics.Tag(context, entry.Route);
                return true;
            }

            outcome = MatchOutcome<RouteEntry>.NoMatch(outcome.AllowedMethods);
        }

        if (outcome.RedirectPath is { } redirect)
        {
            var location = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}{UrlEncoding.QuotePath(redirect)}{context.Request.QueryString}";
            Log.SlashRedirect(table.Logger, method, path, location);
            Redirect(micro, location, table.RuleFor(redirect, method));
        }
        else if (outcome.AllowedMethods.Count > 0)
        {
            var error = new HttpException(405);
            var allowed = outcome.AllowedMethods.Order(StringComparer.Ordinal).ToArray();
            error.Headers.Allow = string.Join(", ", allowed);
            micro.RoutingError = error;
            Log.MethodNotAllowed(table.Logger, method, path, error.Headers.Allow.ToString());
            SetErrorEndpoint(table.RuleFor(path, allowed[0]));
        }

        // No match: the platform's matcher tries the endpoints mapped on the WebApplication; Micro's 404 comes after them.
        return true;
    }

    /// <summary>
    /// Werkzeug's <c>get_default_redirect</c>: a match whose values are the defaults of a rule of the same endpoint (one
    /// earlier in build order, with the same arguments) is sent there, so each page has one URL: <c>/fetch</c> to <c>/</c>.
    /// </summary>
    private bool RedirectForDefaults(RouteEntry entry, RouteEntry[] providers, MicroContext micro, string method)
    {
        foreach (var provider in providers)
        {
            var values = micro.ViewArgs;
            if (!provider.Rule.SuitableFor(values, method))
            {
                continue;
            }

            var merged = new Dictionary<string, object?>(values, StringComparer.Ordinal);
            foreach (var (name, value) in provider.Rule.Defaults!)
            {
                merged[name] = value;
            }

            var path = UrlBuilder.Build(provider.Rule, merged);
            var location = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}{path}{context.Request.QueryString}";
            Log.DefaultsRedirect(table.Logger, method, context.Request.Path.Value ?? "", entry.Rule.Text, location);
            micro.ClearViewArgs();
            micro.RouteValues.Clear();
            Redirect(micro, location, entry);
            return true;
        }

        return false;
    }

    /// <summary>Werkzeug's <c>redirect_to</c>: the target resolved against the app's root (<c>urljoin</c>), without the query string.</summary>
    private void RedirectTo(RouteEntry entry, RedirectTarget target, MicroContext micro)
    {
        var request = context.Request;
        var resolved = target.Resolve(entry.Rule, micro.ViewArgs, Micro.Request.For(context));
        var location = Join($"{request.Scheme}://{request.Host}", request.PathBase.Value ?? "", resolved);
        Log.RuleRedirect(table.Logger, request.Method, request.Path.Value ?? "", entry.Rule.Text, location);
        micro.ClearViewArgs();
        micro.RouteValues.Clear();
        Redirect(micro, location, entry);
    }

    // Python's urljoin(f"{scheme}://{host}{script_name}", target) for the targets a rule gives.
    private static string Join(string origin, string root, string target)
    {
        if (Uri.TryCreate(target, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https" || target.Contains("://", StringComparison.Ordinal))
        {
            return target;
        }

        if (target.StartsWith("//", StringComparison.Ordinal))
        {
            return origin[..origin.IndexOf(':', StringComparison.Ordinal)] + ":" + target;
        }

        if (target.StartsWith('/'))
        {
            return origin + target;
        }

        // Relative to the root's "directory": "/app" gives "/", "/app/" gives "/app/".
        var slash = root.LastIndexOf('/');
        return origin + (slash < 0 ? "/" : root[..(slash + 1)]) + target;
    }

    private void Redirect(MicroContext micro, string location, RouteEntry? entry)
    {
        var error = new HttpException(308, "The URL was moved permanently; use the new URL.");
        error.Headers.Location = location;
        micro.RoutingError = error;
        SetErrorEndpoint(entry);
    }

    /// <summary>
    /// A 308 or 405 is Micro's answer for <paramref name="entry"/>'s rule: its routing-error endpoint carries the rule's
    /// <c>http.route</c> and none of the rule's own metadata (authorization and the like are for the handler).
    /// </summary>
    private void SetErrorEndpoint(RouteEntry? entry)
    {
        if (entry is null)
        {
            context.SetEndpoint(table.RoutingErrorEndpoint);
            return;
        }

        context.SetEndpoint(entry.RoutingErrorEndpoint);
        RouteDiagnostics.Tag(context, entry.Route);
    }

    private bool Convert(RouteEntry entry, string[] values, MicroContext micro)
    {
        var rule = entry.Rule;
        var converters = rule.Converters;
        var routeValues = converters.Count > 0 || rule.Defaults is not null ? micro.RouteValues : null;
        var count = Math.Min(values.Length, converters.Count);
        var converted = count == 0 ? [] : new object?[count];
        var boundTypes = entry.ConverterBoundTypes;
        for (var i = 0; i < count; i++)
        {
            var (name, converter) = converters[i];
            var text = values[i];
            try
            {
                converted[i] = converter.ToValue(text);
            }
            catch (Exception error) when (error is ValidationException or FormatException or OverflowException)
            {
                // A converter refusing the value, or unable to parse what its own regex matched: no match, as Werkzeug's
                // ValidationError and ValueError.
                return Reject(entry, name, text, micro);
            }

            // A value that does not fit the handler's parameter type (e.g. 2^40 for an int) is no match: 404, never 400.
            if (boundTypes[i] is { } type && !ValueBinding.Fits(type, text))
            {
                return Reject(entry, name, text, micro);
            }

            routeValues![name] = text;
        }

        if (rule.DefaultEntries is { } defaults)
        {
            // Werkzeug: result.update(rule.defaults). The handler binds them from the route values, as it binds variables.
            foreach (var (name, _, text) in defaults)
            {
                routeValues![name] = text;
            }
        }

        if (routeValues is not null)
        {
            micro.SetViewArgs(rule, converted);
        }

        return true;
    }

    private bool Reject(RouteEntry entry, string name, string text, MicroContext micro)
    {
        Log.ConverterRejected(table.Logger, context.Request.Path.Value ?? "", entry.Rule.Text, name, text);
        micro.ClearViewArgs();
        micro.RouteValues.Clear();
        return false;
    }

    /// <summary>The matcher's decisions at Debug, as ASP.NET Core's matcher logs its own.</summary>
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Request {Method} {Path} redirected (308) to {Location}: the rule ends with a slash, or the path had doubled slashes.", EventName = "SlashRedirect")]
        public static partial void SlashRedirect(ILogger logger, string method, string path, string location);

        [LoggerMessage(2, LogLevel.Debug, "Request {Method} {Path} redirected (308) to {Location}: its values are the defaults of another rule of the endpoint of '{Rule}'.", EventName = "DefaultsRedirect")]
        public static partial void DefaultsRedirect(ILogger logger, string method, string path, string rule, string location);

        [LoggerMessage(3, LogLevel.Debug, "Request {Method} {Path} redirected (308) to {Location} by the redirect target of rule '{Rule}'.", EventName = "RuleRedirect")]
        public static partial void RuleRedirect(ILogger logger, string method, string path, string rule, string location);

        [LoggerMessage(4, LogLevel.Debug, "Request {Method} {Path} answered 405: the path matches rules for {Allow} only.", EventName = "MethodNotAllowed")]
        public static partial void MethodNotAllowed(ILogger logger, string method, string path, string allow);

        [LoggerMessage(5, LogLevel.Debug, "Request path {Path} matched rule '{Rule}' but its converter rejected {Variable} = '{Value}': no match.", EventName = "ConverterRejected")]
        public static partial void ConverterRejected(ILogger logger, string path, string rule, string variable, string value);
    }
}
