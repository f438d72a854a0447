using Microsoft.AspNetCore.WebUtilities;

namespace Micro.Hosting;

/// <summary>The plain error page, in Werkzeug's words, so a Flask user sees what they expect.</summary>
internal static class ErrorPage
{
    private static readonly Dictionary<int, string> Descriptions = new()
    {
        [400] = "The browser (or proxy) sent a request that this server could not understand.",
        [401] = "The server could not verify that you are authorized to access the URL requested. You either supplied the wrong credentials (e.g. a bad password), or your browser doesn't understand how to supply the credentials required.",
        [403] = "You don't have the permission to access the requested resource. It is either read-protected or not readable by the server.",
        [404] = "The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.",
        [405] = "The method is not allowed for the requested URL.",
        [406] = "The resource identified by the request is only capable of generating response entities which have content characteristics not acceptable according to the accept headers sent in the request.",
        [408] = "The server closed the network connection because the browser didn't finish the request within the specified time.",
        [409] = "A conflict happened while processing the request. The resource might have been modified while the request was being processed.",
        [410] = "The requested URL is no longer available on this server and there is no forwarding address. If you followed a link from a foreign page, please contact the author of this page.",
        [411] = "A request with this method requires a valid Content-Length header.",
        [413] = "The data value transmitted exceeds the capacity limit.",
        [414] = "The length of the requested URL exceeds the capacity limit for this server. The request cannot be processed.",
        [415] = "The server does not support the media type transmitted in the request.",
        [422] = "The request was well-formed but was unable to be followed due to semantic errors.",
        [429] = "This user has exceeded an allotted request count. Try again later.",
        [500] = "The server encountered an internal error and was unable to complete your request. Either the server is overloaded or there is an error in the application.",
        [501] = "The server does not support the action requested by the browser.",
        [502] = "The proxy server received an invalid response from an upstream server.",
        [503] = "The server is temporarily unable to service your request due to maintenance downtime or capacity problems. Please try again later.",
        [504] = "The connection to an upstream server timed out.",
    };

    public static string ReasonPhrase(int statusCode) => ReasonPhrases.GetReasonPhrase(statusCode) is { Length: > 0 } phrase ? phrase : "Unknown Error";

    public static string Describe(int statusCode) => Descriptions.TryGetValue(statusCode, out var text) ? text : ReasonPhrase(statusCode);

    /// <summary>Werkzeug's <c>HTTPException.get_body</c>; <paramref name="detail"/> is added in Development only.</summary>
    public static string Html(int statusCode, string description, string? detail = null)
    {
        var name = ReasonPhrase(statusCode);
        var page = $"<!doctype html>\n<html lang=en>\n<title>{statusCode} {Micro.Templates.Markup.EscapeText(name)}</title>\n<h1>{Micro.Templates.Markup.EscapeText(name)}</h1>\n<p>{Micro.Templates.Markup.EscapeText(description)}</p>\n";
        return detail is null ? page : page + $"<pre>{Micro.Templates.Markup.EscapeText(detail)}</pre>\n";
    }

    /// <summary>Werkzeug's <c>redirect</c> page, the body of every redirect (routing's 308s and <c>Redirect(...)</c>).</summary>
    public static string Redirect(string location)
    {
        var safe = Micro.Templates.Markup.EscapeText(location);
        return $"<!doctype html>\n<html lang=en>\n<title>Redirecting...</title>\n<h1>Redirecting...</h1>\n<p>You should be redirected automatically to the target URL: <a href=\"{safe}\">{safe}</a>. If not, click the link.\n";
    }
}
