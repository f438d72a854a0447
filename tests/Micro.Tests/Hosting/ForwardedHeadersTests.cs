using System.Net;
using Micro.Tests.Support;

namespace Micro.Tests.Hosting;

/// <summary>
/// Behind a proxy (Flask's ProxyFix): with <c>ForwardedHeaders:Headers</c> configured, the request's scheme, host,
/// client address and path base come from the trusted proxy's <c>X-Forwarded-*</c> headers, and everything built from
/// them follows (the request URL, <c>url_for(_external=True)</c>, the 308 to the slashed URL); without it, or from an
/// untrusted address, the headers are ignored. Over a real Kestrel, so the client address is a real one (loopback).
/// </summary>
public sealed class ForwardedHeadersTests
{
    private const string Forwarded = "X-Forwarded-For: 203.0.113.7|X-Forwarded-Proto: https|X-Forwarded-Host: www.example.com";

    // What the page reports: the request's URL, the external URL of another endpoint, the client address, and where
    // the 308 for the unslashed folder URL points.
    public static TheoryData<string, string, string, string, string, string> Cases() => new()
    {
        // Not configured: the headers are anyone's to send, so they change nothing.
        { "", Forwarded, "http://127.0.0.1:{port}/where", "http://127.0.0.1:{port}/folder/", "127.0.0.1", "http://127.0.0.1:{port}/folder/" },
        { "--ForwardedHeaders:Headers=None", Forwarded, "http://127.0.0.1:{port}/where", "http://127.0.0.1:{port}/folder/", "127.0.0.1", "http://127.0.0.1:{port}/folder/" },

        // Configured: the loopback proxy is trusted by default.
        { "--ForwardedHeaders:Headers=XForwardedFor, XForwardedProto, XForwardedHost", Forwarded, "https://www.example.com/where", "https://www.example.com/folder/", "203.0.113.7", "https://www.example.com/folder/" },
        { "--ForwardedHeaders:Headers=All", Forwarded, "https://www.example.com/where", "https://www.example.com/folder/", "203.0.113.7", "https://www.example.com/folder/" },

        // Only what is listed is believed.
        { "--ForwardedHeaders:Headers=XForwardedProto", Forwarded, "https://127.0.0.1:{port}/where", "https://127.0.0.1:{port}/folder/", "127.0.0.1", "https://127.0.0.1:{port}/folder/" },

        // A proxy at another address is named: the loopback caller is no longer trusted.
        { "--ForwardedHeaders:Headers=All --ForwardedHeaders:KnownProxies:0=10.9.8.7", Forwarded, "http://127.0.0.1:{port}/where", "http://127.0.0.1:{port}/folder/", "127.0.0.1", "http://127.0.0.1:{port}/folder/" },
        { "--ForwardedHeaders:Headers=All --ForwardedHeaders:KnownNetworks=10.0.0.0/8", Forwarded, "http://127.0.0.1:{port}/where", "http://127.0.0.1:{port}/folder/", "127.0.0.1", "http://127.0.0.1:{port}/folder/" },
        { "--ForwardedHeaders:Headers=All --ForwardedHeaders:KnownNetworks=127.0.0.0/8", Forwarded, "https://www.example.com/where", "https://www.example.com/folder/", "203.0.113.7", "https://www.example.com/folder/" },

        // A forwarded host outside AllowedHosts is refused (the rest still applies).
        { "--ForwardedHeaders:Headers=All --ForwardedHeaders:AllowedHosts:0=example.org", Forwarded, "https://127.0.0.1:{port}/where", "https://127.0.0.1:{port}/folder/", "203.0.113.7", "https://127.0.0.1:{port}/folder/" },

        // Two proxies: the limit says how many hops to unwind.
        { "--ForwardedHeaders:Headers=XForwardedFor", "X-Forwarded-For: 198.51.100.1, 203.0.113.7", "http://127.0.0.1:{port}/where", "http://127.0.0.1:{port}/folder/", "203.0.113.7", "http://127.0.0.1:{port}/folder/" },

        // A path prefix the proxy strips (ProxyFix's x_prefix) comes back in URLs.
        { "--ForwardedHeaders:Headers=All", Forwarded + "|X-Forwarded-Prefix: /blog", "https://www.example.com/blog/where", "https://www.example.com/blog/folder/", "203.0.113.7", "https://www.example.com/blog/folder/" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Urls_and_the_client_address_follow_the_forwarded_headers_only_when_configured_and_trusted(
        string settings, string headers, string url, string external, string client, string redirect)
    {
        var app = MicroApp.Create(settings.Split(" --", StringSplitOptions.RemoveEmptyEntries).Select(arg => arg.StartsWith("--", StringComparison.Ordinal) ? arg : "--" + arg).ToArray());
        app.Get("/where", (Request request) => $"{request.Url}|{request.UrlFor("folder", new { _external = true })}|{request.HttpContext.Connection.RemoteIpAddress}");
        app.Get("/folder/", () => "folder", "folder");
        await using var server = await LoopbackServer.StartAsync(app);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        string Expect(string value) => value.Replace("{port}", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

        HttpRequestMessage Request(string path)
        {
            var message = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{server.Port}{path}");
            foreach (var header in headers.Split('|'))
            {
                var parts = header.Split(':', 2);
                message.Headers.TryAddWithoutValidation(parts[0], parts[1].Trim());
            }

            return message;
        }

        using var page = await http.SendAsync(Request("/where"));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(string.Join('|', Expect(url), Expect(external), client), await page.Content.ReadAsStringAsync());

        using var moved = await http.SendAsync(Request("/folder"));
        Assert.Equal(HttpStatusCode.PermanentRedirect, moved.StatusCode);
        Assert.Equal(Expect(redirect), moved.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("XForwardedEverything")]
    [InlineData("5")]
    public async Task A_misspelt_header_list_fails_startup_rather_than_trusting_nothing_silently(string value)
    {
        var app = MicroApp.Create([$"--ForwardedHeaders:Headers={value}"]);
        app.Get("/", () => "home");
        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await LoopbackServer.StartAsync(app));
        Assert.Contains("ForwardedHeaders:Headers", error.Message, StringComparison.Ordinal);
    }
}
