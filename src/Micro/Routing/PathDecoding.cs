using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Micro.Routing;

/// <summary>The path Werkzeug matches against, recovered from an ASP.NET Core request.</summary>
internal static class PathDecoding
{
    /// <summary>
    /// The path as a WSGI server gives it to Werkzeug: fully percent-decoded, <c>%2F</c> included. Kestrel keeps
    /// <c>%2F</c> encoded in <c>Request.Path</c> (and would decode <c>%252F</c> to <c>%2F</c>), so decode the raw
    /// request target ourselves when it is available.
    /// </summary>
    public static string MatchPath(HttpContext context)
    {
        var request = context.Request;
        if (!request.PathBase.HasValue && context.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw && raw[0] == '/')
        {
            var query = raw.IndexOf('?', StringComparison.Ordinal);
            if (query < 0 && !raw.Contains('%', StringComparison.Ordinal))
            {
                return raw; // the common case: nothing to decode, nothing to allocate
            }

            var rawPath = query < 0 ? raw.AsSpan() : raw.AsSpan(0, query);
            return UrlEncoding.PercentDecode(rawPath);
        }

        var path = request.Path.Value ?? "/";
        return path.Contains("%2F", StringComparison.OrdinalIgnoreCase) ? path.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase) : path;
    }
}
