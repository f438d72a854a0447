using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Micro.Files;

/// <summary>
/// Runs the platform's file results under RFC 9110's rules where they evaluate otherwise. They evaluate every
/// precondition header and answer the strictest outcome, and serve a range in any unit; the RFC says
/// (section 13.2.2) that <c>If-None-Match</c> replaces <c>If-Modified-Since</c> and <c>If-Match</c> replaces
/// <c>If-Unmodified-Since</c>, and (section 14.2) that a <c>Range</c> in a unit the server does not know is
/// ignored. So the headers the RFC says not to evaluate are hidden from the result while it runs.
/// </summary>
internal static class ConditionalRequest
{
    public static Task ExecuteAsync(IResult file, HttpContext context)
    {
        var headers = context.Request.Headers;
        var hideModifiedSince = headers.ContainsKey(HeaderNames.IfNoneMatch) && headers.ContainsKey(HeaderNames.IfModifiedSince);
        var hideUnmodifiedSince = headers.ContainsKey(HeaderNames.IfMatch) && headers.ContainsKey(HeaderNames.IfUnmodifiedSince);
        var hideRange = headers.TryGetValue(HeaderNames.Range, out var range) && !IsByteRange(range);
        if (!hideModifiedSince && !hideUnmodifiedSince && !hideRange)
        {
            // The usual request: nothing to hide, nothing allocated.
            return file.ExecuteAsync(context);
        }

        return ExecuteHidingAsync(file, context, hideModifiedSince, hideUnmodifiedSince, hideRange);
    }

    private static async Task ExecuteHidingAsync(IResult file, HttpContext context, bool hideModifiedSince, bool hideUnmodifiedSince, bool hideRange)
    {
        var headers = context.Request.Headers;
        var modifiedSince = Take(headers, HeaderNames.IfModifiedSince, hideModifiedSince);
        var unmodifiedSince = Take(headers, HeaderNames.IfUnmodifiedSince, hideUnmodifiedSince);
        var range = Take(headers, HeaderNames.Range, hideRange);
        try
        {
            await file.ExecuteAsync(context).ConfigureAwait(false);
        }
        finally
        {
            // Teardown hooks and logging see the request as it came.
            Restore(headers, HeaderNames.IfModifiedSince, modifiedSince);
            Restore(headers, HeaderNames.IfUnmodifiedSince, unmodifiedSince);
            Restore(headers, HeaderNames.Range, range);
        }
    }

    /// <summary>Whether a Range header is in the only unit files are served in, <c>bytes</c> (case-insensitive, as the unit is a token).</summary>
    private static bool IsByteRange(StringValues values)
    {
        // Several Range lines are not a range the platform serves either way; only the unit is decided here.
        var value = values.Count == 1 ? values[0].AsSpan().TrimStart() : [];
        return value.StartsWith("bytes", StringComparison.OrdinalIgnoreCase) && value[5..].TrimStart().StartsWith('=');
    }

    private static StringValues Take(IHeaderDictionary headers, string name, bool hide)
    {
        if (!hide)
        {
            return StringValues.Empty;
        }

        var value = headers[name];
        headers.Remove(name);
        return value;
    }

    private static void Restore(IHeaderDictionary headers, string name, StringValues value)
    {
        if (value.Count > 0)
        {
            headers[name] = value;
        }
    }
}
