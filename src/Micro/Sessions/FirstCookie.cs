using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Micro.Sessions;

/// <summary>
/// Reads a cookie as Werkzeug does when the request carries several of that name (a stale one on a parent path or
/// domain, or one planted by a sibling subdomain): the first wins. The platform's cookie collection keeps the last.
/// </summary>
internal static class FirstCookie
{
    public static string? Get(HttpRequest request, string name)
    {
        var value = request.Cookies[name];
        if (value is null)
        {
            return null;
        }

        var headers = request.Headers.Cookie;
        if (Count(headers, name) < 2)
        {
            // The usual request: one cookie of that name, read without another parse.
            return value;
        }

        if (CookieHeaderValue.TryParseList(headers, out var cookies))
        {
            foreach (var cookie in cookies)
            {
                if (cookie.Name.Equals(name, StringComparison.Ordinal))
                {
                    // Decoded as the platform decodes the value it keeps.
                    return Uri.UnescapeDataString(cookie.Value.ToString());
                }
            }
        }

        return value;
    }

    /// <summary>Counts the <c>name=</c> pairs in the Cookie header lines, without allocating.</summary>
    private static int Count(StringValues headers, string name)
    {
        var count = 0;
        foreach (var header in headers)
        {
            var rest = header.AsSpan();
            while (!rest.IsEmpty)
            {
                var end = rest.IndexOfAny(';', ',');
                var pair = (end < 0 ? rest : rest[..end]).TrimStart();
                if (pair.StartsWith(name, StringComparison.Ordinal) && pair[name.Length..].TrimStart().StartsWith('='))
                {
                    count++;
                }

                rest = end < 0 ? [] : rest[(end + 1)..];
            }
        }

        return count;
    }
}
