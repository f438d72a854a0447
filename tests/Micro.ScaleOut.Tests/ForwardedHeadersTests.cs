using Micro.ScaleOut.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Micro.ScaleOut.Tests;

/// <summary>
/// A Micro app behind the real proxy, which sends X-Forwarded-For/Proto/Host as YARP does by default: with
/// <c>ForwardedHeaders:Headers</c> configured, the app builds its URLs and redirects for the address the visitor
/// used (the proxy's), and sees the visitor's address; without it, it sees the proxy's request to it.
/// </summary>
public sealed class ForwardedHeadersTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task External_urls_redirects_and_the_client_address_follow_the_proxy_only_when_configured(bool configured)
    {
        var app = MicroApp.Create(configured ? ["--ForwardedHeaders:Headers=All"] : []);
        app.Get("/where", (Request request) => $"{request.Url} {request.UrlFor("folder", new { _external = true })} {request.HttpContext.Connection.RemoteIpAddress}");
        app.Get("/folder/", () => "folder", "folder");
        var web = app.Build();
        web.Urls.Add("http://127.0.0.1:0");
        await web.StartAsync();
        try
        {
            var appPort = new Uri(web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()).Port;
            await using var proxy = await Proxy.StartAsync([("app", $"http://127.0.0.1:{appPort}")], healthPath: "/where");

            // The visitor asked for www.example.com; the proxy (on loopback, so trusted) says so in X-Forwarded-Host.
            using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
            using var where = new HttpRequestMessage(HttpMethod.Get, $"{proxy.Address}/where");
            where.Headers.Host = "www.example.com";
            using var page = await http.SendAsync(where);
            using var folder = new HttpRequestMessage(HttpMethod.Get, $"{proxy.Address}/folder");
            folder.Headers.Host = "www.example.com";
            using var moved = await http.SendAsync(folder);

            var site = configured ? "http://www.example.com" : $"http://127.0.0.1:{appPort}";
            Assert.Equal($"{site}/where {site}/folder/ 127.0.0.1", await page.Content.ReadAsStringAsync());
            Assert.Equal(308, (int)moved.StatusCode);
            Assert.Equal($"{site}/folder/", moved.Headers.Location!.OriginalString);
        }
        finally
        {
            await web.StopAsync();
            await web.DisposeAsync();
        }
    }
}
