using Microsoft.AspNetCore.Http;

namespace Micro.Routing;

/// <summary>
/// The path Werkzeug sees, recovered from the raw request target: what a WSGI server puts in <c>PATH_INFO</c>
/// (the target's path component, percent-decoded once, <c>%2F</c> included, dot segments kept) as Werkzeug's
/// <c>request.path</c> shows it (leading slashes merged into one). <see cref="Hosting.RequestPathMiddleware"/>
/// makes it the request's <c>Path</c> before anything else runs, so routing reads it from there.
/// </summary>
internal static class PathDecoding
{
    /// <summary>The path to match: the request's path, which <see cref="Hosting.RequestPathMiddleware"/> made Werkzeug's.</summary>
    public static string MatchPath(HttpContext context) => context.Request.Path.Value ?? "";

    /// <summary>
    /// Splits a request target as Python's <c>urlsplit</c> does for Werkzeug's server: an optional
    /// <c>scheme:</c>, an optional <c>//authority</c> (absolute-form), the path up to <c>?</c> or <c>#</c>, and the
    /// query up to <c>#</c>; a fragment is dropped. <c>*</c> (asterisk-form) is a path of its own.
    /// </summary>
    /// <param name="target">The raw request target, e.g. <c>/a%2Fb?x=1</c> or <c>http://host/a</c>.</param>
    /// <param name="path">The raw path component, still percent-encoded; empty for <c>http://host</c>.</param>
    /// <param name="query">The raw query without its <c>?</c>; empty when there is none or it is empty.</param>
    public static void Split(ReadOnlySpan<char> target, out ReadOnlySpan<char> path, out ReadOnlySpan<char> query)
    {
        var rest = target;
        if (rest.Length > 0 && rest[0] != '/')
        {
            // urlsplit: a scheme is a letter then letters, digits, '+', '-' or '.', ended by ':'.
            var colon = rest.IndexOf(':');
            if (colon > 0 && char.IsAsciiLetter(rest[0]) && IsSchemeTail(rest[1..colon]))
            {
                rest = rest[(colon + 1)..];
            }
        }

        if (rest.StartsWith("//") && rest.Length != target.Length)
        {
            // An authority follows a scheme (absolute-form): it ends at the first '/', '?' or '#'. Without a scheme a
            // leading "//" is part of the path, as Werkzeug's server puts it back.
            var end = rest[2..].IndexOfAny('/', '?', '#');
            rest = end < 0 ? [] : rest[(2 + end)..];
        }

        var pathEnd = rest.IndexOfAny('?', '#');
        path = pathEnd < 0 ? rest : rest[..pathEnd];
        query = [];
        if (pathEnd >= 0 && rest[pathEnd] == '?')
        {
            var afterQuestion = rest[(pathEnd + 1)..];
            var hash = afterQuestion.IndexOf('#');
            query = hash < 0 ? afterQuestion : afterQuestion[..hash];
        }
    }

    /// <summary>
    /// Werkzeug's <c>request.path</c> for a raw path component: percent-decoded once as UTF-8 (invalid sequences
    /// become U+FFFD, invalid escapes stay as text), then <c>"/" + path.lstrip("/")</c>.
    /// </summary>
    public static string WerkzeugPath(ReadOnlySpan<char> rawPath)
    {
        var decoded = UrlEncoding.PercentDecode(rawPath);
        return decoded.Length > 0 && decoded[0] == '/' && (decoded.Length == 1 || decoded[1] != '/')
            ? decoded
            : "/" + decoded.TrimStart('/');
    }

    private static bool IsSchemeTail(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }
}
