using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Micro.Routing;

namespace Micro.Hosting;

/// <summary>
/// First in Micro's pipeline: makes the request's <c>Path</c> the path Werkzeug routes on, so routing,
/// <see cref="Request.Path"/>, hooks, handlers and every middleware after it see one path. Kestrel's own
/// <c>Request.Path</c> removes dot segments (<c>/admin/..</c> is <c>/</c>), keeps <c>%2F</c> encoded and decodes
/// <c>%25</c> so that <c>%252F</c> reads as <c>%2F</c>; a guard reading it would check another path than the one
/// routed. Here the path is the raw target's path component decoded once (see <see cref="PathDecoding"/>), the
/// query loses a raw <c>#fragment</c> and an empty <c>?</c>, and the method is upper-cased, as Werkzeug does.
/// </summary>
internal sealed class RequestPathMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var method = request.Method;
        if (method.AsSpan().ContainsAnyInRange('a', 'z'))
        {
            method = request.Method = method.ToUpperInvariant();
            if (HttpMethods.IsHead(method))
            {
                // The server read an extension method ("head"), not HEAD, and sends whatever body is written. Micro and
                // the platform's results leave the body out of a HEAD response but keep the Content-Length of the GET
                // body, which the server would find unmet (a 500). Dropping the length makes the answer an empty body.
                context.Response.OnStarting(DropContentLength, context.Response);
            }
        }

        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(target))
        {
            // A server that does not give the raw target: the best it offers is its decoded path.
            Apply(request, FromServerPath(request.PathBase.Value + request.Path.Value), request.QueryString);
        }
        else if (!IsAlreadyWerkzeugs(request, target))
        {
            PathDecoding.Split(target, out var rawPath, out var rawQuery);
            var query = rawQuery.IsEmpty ? QueryString.Empty
                : request.QueryString.HasValue && request.QueryString.Value.AsSpan(1).SequenceEqual(rawQuery) ? request.QueryString
                : new QueryString("?" + rawQuery.ToString());
            Apply(request, PathDecoding.WerkzeugPath(rawPath), query);
        }

        return next(context);
    }

    private static Task DropContentLength(object response)
    {
        ((HttpResponse)response).ContentLength = null;
        return Task.CompletedTask;
    }

    /// <summary>
    /// The common request (<c>/users/42</c>, <c>/search?q=x</c>): nothing to decode, no dot segment or leading
    /// <c>//</c> for the server to have changed, no fragment, no empty query. Checked without allocating.
    /// </summary>
    private static bool IsAlreadyWerkzeugs(HttpRequest request, string target)
    {
        if (target[0] != '/' || (target.Length > 1 && target[1] == '/') || request.PathBase.HasValue)
        {
            return false;
        }

        var span = target.AsSpan();
        var end = span.IndexOfAny('?', '#', '%');
        if (end >= 0 && (span[end] != '?' || end == span.Length - 1 || span[(end + 1)..].Contains('#')))
        {
            return false;
        }

        return span[..(end < 0 ? span.Length : end)].SequenceEqual(request.Path.Value);
    }

    /// <summary>
    /// Sets the path (and keeps the path base coherent). A path base set before Micro (a server's virtual directory,
    /// <c>UsePathBase</c> in an outer startup filter) is kept when the decoded path starts with it, and the rest is the
    /// path, as a WSGI server splits <c>SCRIPT_NAME</c> from <c>PATH_INFO</c>. A base the target does not start with
    /// (a proxy's <c>X-Forwarded-Prefix</c>: the proxy removed it) stays in front of the whole decoded path.
    /// </summary>
    private static void Apply(HttpRequest request, string path, QueryString query)
    {
        var pathBase = request.PathBase.Value;
        if (!string.IsNullOrEmpty(pathBase) && path.StartsWith(pathBase, StringComparison.OrdinalIgnoreCase)
            && (path.Length == pathBase.Length || path[pathBase.Length] == '/'))
        {
            var rest = path.AsSpan(pathBase.Length);
            path = rest.IsEmpty ? "" : rest.Length > 1 && rest[1] == '/' ? "/" + rest.TrimStart('/').ToString() : rest.ToString();
        }

        request.Path = new PathString(path);
        request.QueryString = query;
    }

    // Without the raw target, %2F is the one escape the server's path still holds (Kestrel, TestServer keep it).
    private static string FromServerPath(string path)
    {
        if (path.Contains("%2F", StringComparison.OrdinalIgnoreCase))
        {
            path = path.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
        }

        return path.Length > 0 && path[0] == '/' && (path.Length == 1 || path[1] != '/') ? path : "/" + path.TrimStart('/');
    }
}
