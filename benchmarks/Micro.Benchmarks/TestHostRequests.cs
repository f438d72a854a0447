using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.TestHost;

namespace Micro.Benchmarks;

/// <summary>Requests sent in process through TestHost, as the request benchmarks and diagnostics send them.</summary>
internal static class TestHostRequests
{
    /// <summary>Sends <c>GET <paramref name="target"/></c>.</summary>
    public static Task<HttpContext> SendAsync(TestServer server, string target) => server.SendAsync(context =>
    {
        context.Request.Method = HttpMethods.Get;
        context.Request.Path = target;
        // Kestrel always sets the raw request target and Micro matches on it: set it here too.
        context.Features.Get<IHttpRequestFeature>()!.RawTarget = target;
    });

    /// <summary>Fails unless <c>GET <paramref name="target"/></c> answers 200 with <paramref name="body"/> (and <paramref name="contentType"/> when given).</summary>
    public static async Task ExpectAsync(string app, TestServer server, string target, string body, string? contentType = null)
    {
        var context = await SendAsync(server, target).ConfigureAwait(false);
        using var reader = new StreamReader(context.Response.Body);
        var text = await reader.ReadToEndAsync().ConfigureAwait(false);
        if (context.Response.StatusCode != 200 || (contentType is not null && context.Response.ContentType != contentType) || text != body)
        {
            throw new InvalidOperationException($"{app} {target}: {context.Response.StatusCode} {context.Response.ContentType} '{text}', expected 200 {contentType} '{body}'.");
        }
    }
}
