using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.FileProviders;
using Micro.Tests.Support;
using static Micro.Responses;

namespace Micro.Tests.Files;

/// <summary>
/// Since the app's path is the raw target decoded once, <c>..</c>, encoded dots and slashes, backslashes and
/// absolute-form targets reach file serving as written: Kestrel no longer removes them first. Every one must still
/// stay inside its folder, for the static route, send_from_directory and the platform's StaticFiles middleware
/// (PhysicalFileProvider) added with <c>app.Configure</c>. Sent as raw request lines to a real Kestrel.
/// </summary>
public sealed class TraversalOverKestrelTests : IDisposable
{
    private readonly TempFolder _root = new();

    public TraversalOverKestrelTests()
    {
        _root.Write("static/site.css", "body {}");
        _root.Write("static/js/app.js", "alert(1)");
        _root.Write("uploads/cat.txt", "meow");
        _root.Write("public/ok.txt", "fine");
        _root.Write("public/sub/deep.txt", "deep");
        _root.Write("secret.txt", "top secret");
    }

    public void Dispose() => _root.Dispose();

    // The escapes, for a folder served at {prefix}: plain, encoded in every mix, with backslashes, absolute-form.
    public static TheoryData<string> Escapes() =>
    [
        "{p}/../secret.txt", "{p}/%2e%2e/secret.txt", "{p}/.%2e/secret.txt", "{p}/%2e./secret.txt", "{p}/%2E%2E%2Fsecret.txt",
        "{p}/..%2fsecret.txt", "{p}/..%2Fsecret.txt", "{p}%2F..%2Fsecret.txt", "{p}/sub/..%2F..%2Fsecret.txt",
        "{p}/sub/%2e%2e/%2e%2e/secret.txt", "{p}/..\\secret.txt", "{p}/..%5csecret.txt", "{p}/%5c..%5csecret.txt",
        "{p}/sub\\..\\..\\secret.txt", "{p}/%252e%252e/secret.txt", "{p}/%252e%252e%252fsecret.txt", "{p}//secret.txt",
        "{p}/%2F{root}/secret.txt", "{p}//{root}/secret.txt", "{p}/x#/../../secret.txt", "{p}/..;/secret.txt",
        "http://localhost{p}/../secret.txt", "http://localhost{p}/%2e%2e/secret.txt", "http://localhost{p}/..%2Fsecret.txt",
        "http://localhost{p}/..\\secret.txt", "http://localhost{p}/%2e%2e%5csecret.txt",
    ];

    [Theory]
    [MemberData(nameof(Escapes))]
    public async Task The_static_route_stays_in_its_folder(string target)
    {
        await using var server = await LoopbackServer.StartAsync(App());

        await AssertRefused(server, Target(target, "/static"));
        Assert.Equal("body {}", (await server.SendAsync("GET /static/site.css")).Body);
    }

    [Theory]
    [MemberData(nameof(Escapes))]
    public async Task Send_from_directory_stays_in_its_folder(string target)
    {
        await using var server = await LoopbackServer.StartAsync(App());

        await AssertRefused(server, Target(target, "/uploads"));
        Assert.Equal("meow", (await server.SendAsync("GET /uploads/cat.txt")).Body);
    }

    [Theory]
    [MemberData(nameof(Escapes))]
    public async Task The_static_files_middleware_stays_in_its_folder(string target)
    {
        await using var server = await LoopbackServer.StartAsync(App());

        await AssertRefused(server, Target(target, "/public"));

        // It does serve: the refusals above are its own, not a route missing.
        Assert.Equal("fine", (await server.SendAsync("GET /public/ok.txt")).Body);
    }

    private MicroApp App()
    {
        var app = TestApps.Create(contentRoot: _root.Path);
        app.Get("/uploads/<path:name>", (string name) => SendFromDirectory("uploads", name));
        var provider = new PhysicalFileProvider(Path.Combine(_root.Path, "public"));
        app.Configure(pipeline =>
        {
            // Micro's 404 fallback is an endpoint, and StaticFiles serves nothing once an endpoint is chosen: clear it
            // for this folder, so the middleware itself decides on the path every middleware sees.
            pipeline.Use((context, next) =>
            {
                if (context.Request.Path.StartsWithSegments("/public", StringComparison.Ordinal))
                {
                    context.SetEndpoint(null);
                }

                return next(context);
            });
            pipeline.UseStaticFiles(new StaticFileOptions { FileProvider = provider, RequestPath = "/public" });
        });
        return app;
    }

    private string Target(string template, string prefix) =>
        "GET " + template.Replace("{p}", prefix, StringComparison.Ordinal).Replace("{root}", _root.Path.TrimStart('/'), StringComparison.Ordinal);

    private static async Task AssertRefused(LoopbackServer server, string requestLine)
    {
        var response = await server.SendAsync(requestLine);
        if (response.StatusCode == 308 && response.Header("Location") is { } location)
        {
            // Werkzeug merges "//" in a path variable with a redirect; where it leads must be refused too.
            Assert.StartsWith("http://localhost/", location, StringComparison.Ordinal);
            response = await server.SendAsync("GET " + location);
        }

        Assert.DoesNotContain("top secret", response.Body, StringComparison.Ordinal);
        Assert.True(response.StatusCode == 404, $"{requestLine}: {response.StatusCode}");
    }
}
