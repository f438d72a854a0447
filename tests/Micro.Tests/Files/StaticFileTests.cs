using Microsoft.Extensions.Configuration;
using Micro.Testing;
using Micro.Tests.Support;

namespace Micro.Tests.Files;

public sealed class StaticFileTests : IDisposable
{
    private readonly TempFolder _root = new();

    public StaticFileTests()
    {
        _root.Write("static/site.css", "body { color: red }");
        _root.Write("static/js/app.js", "alert(1)");
        _root.Write("static/data.unknownext", "???");
        _root.Write("secret.txt", "top secret");
        _root.Write("admin/static/admin.css", "h1 {}");
    }

    public void Dispose() => _root.Dispose();

    private MicroApp App()
    {
        var app = TestApps.Create(contentRoot: _root.Path);
        app.Get("/", () => "home");
        return app;
    }

    [Fact]
    public async Task Url_for_static_builds_the_file_url()
    {
        var app = App();
        await using var client = app.TestClient();
        await client.Get("/");

        Assert.Equal("/static/site.css", app.UrlFor("static", new { filename = "site.css" }));
        Assert.Equal("/static/js/app.js", app.UrlFor("static", new { filename = "js/app.js" }));
    }

    [Fact]
    public async Task A_static_file_is_served_with_type_etag_last_modified_and_no_cache()
    {
        await using var client = App().TestClient();

        var css = await client.Get("/static/site.css");

        Assert.Equal(200, css.StatusCode);
        Assert.Equal("body { color: red }", css.Text);
        Assert.Equal("text/css; charset=utf-8", css.ContentType);
        Assert.NotNull(css.Header("ETag"));
        Assert.NotNull(css.Header("Last-Modified"));
        Assert.Equal("no-cache", css.Header("Cache-Control"));
        Assert.Equal("inline; filename=site.css", css.Header("Content-Disposition"));
        Assert.Equal("bytes", css.Header("Accept-Ranges"));
    }

    [Fact]
    public async Task An_unchanged_file_answers_304_to_if_none_match_and_if_modified_since()
    {
        await using var client = App().TestClient();
        var css = await client.Get("/static/site.css");

        var byTag = await client.Send(HttpMethod.Get, "/static/site.css", headers: [new("If-None-Match", css.Header("ETag")!)]);
        var byDate = await client.Send(HttpMethod.Get, "/static/site.css", headers: [new("If-Modified-Since", css.Header("Last-Modified")!)]);

        Assert.Equal(304, byTag.StatusCode);
        Assert.Empty(byTag.Body);
        Assert.Equal(304, byDate.StatusCode);
    }

    [Fact]
    public async Task A_range_request_gets_206_with_the_bytes_asked_for()
    {
        await using var client = App().TestClient();

        var part = await client.Send(HttpMethod.Get, "/static/site.css", headers: [new("Range", "bytes=0-3")]);
        var unsatisfiable = await client.Send(HttpMethod.Get, "/static/site.css", headers: [new("Range", "bytes=500-600")]);

        Assert.Equal(206, part.StatusCode);
        Assert.Equal("body", part.Text);
        Assert.Equal("bytes 0-3/19", part.Header("Content-Range"));
        Assert.Equal(416, unsatisfiable.StatusCode);
    }

    [Fact]
    public async Task A_file_of_unknown_type_is_sent_as_octet_stream()
    {
        await using var client = App().TestClient();

        var data = await client.Get("/static/data.unknownext");

        Assert.Equal("application/octet-stream", data.ContentType);
    }

    [Fact]
    public async Task Max_age_from_configuration_lets_browsers_cache()
    {
        var app = App();
        app.Builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Static:MaxAge"] = "01:00:00" });
        await using var client = app.TestClient();

        var css = await client.Get("/static/site.css");

        Assert.Equal("public, max-age=3600", css.Header("Cache-Control"));
        Assert.NotNull(css.Header("Expires"));
    }

    [Theory]
    [InlineData("/static/../secret.txt")]
    [InlineData("/static/%2e%2e/secret.txt")]
    [InlineData("/static/%2E%2E%2Fsecret.txt")]
    [InlineData("/static/..%2fsecret.txt")]
    [InlineData("/static/..%5csecret.txt")]
    [InlineData("/static/%252e%252e/secret.txt")]
    [InlineData("/static/js/../../secret.txt")]
    [InlineData("/static//etc/passwd")]
    [InlineData("/static/%2Fetc%2Fpasswd")]
    [InlineData("/static/C:%5cWindows%5cwin.ini")]
    [InlineData("/static/missing.css")]
    [InlineData("/static/js")]
    public async Task Paths_that_leave_the_folder_or_name_no_file_are_404(string url)
    {
        await using var client = App().TestClient();

        // Werkzeug merges "//" with a 308 first; the URL it leads to must still be a 404.
        var response = await client.Get(url, followRedirects: true);

        Assert.Equal(404, response.StatusCode);
        Assert.DoesNotContain("top secret", response.Text);
    }

    [Fact]
    public async Task A_symbolic_link_out_of_the_folder_is_404()
    {
        File.CreateSymbolicLink(Path.Combine(_root.Path, "static", "escape.txt"), Path.Combine(_root.Path, "secret.txt"));
        await using var client = App().TestClient();

        Assert.Equal(404, (await client.Get("/static/escape.txt")).StatusCode);
    }

    [Fact]
    public async Task A_missing_static_file_goes_through_the_404_error_handler()
    {
        var app = App();
        app.ErrorHandler(404, () => ("custom not found", 404));
        await using var client = app.TestClient();

        var missing = await client.Get("/static/nope.css");

        Assert.Equal("custom not found", missing.Text);
    }

    [Fact]
    public async Task A_blueprint_can_serve_its_own_static_folder()
    {
        var app = App();
        var admin = new Blueprint("admin", urlPrefix: "/admin").StaticFolder("admin/static");
        admin.Get("/", () => "admin");
        app.Register(admin);
        await using var client = app.TestClient();

        var css = await client.Get("/admin/static/admin.css");

        Assert.Equal("h1 {}", css.Text);
        Assert.Equal("/admin/static/admin.css", app.UrlFor("admin.static", new { filename = "admin.css" }));
        Assert.Equal(404, (await client.Get("/admin/static/../../secret.txt")).StatusCode);
    }

    [Fact]
    public async Task The_static_route_can_be_moved_or_turned_off()
    {
        var moved = App();
        moved.Builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Static:UrlPath"] = "/assets" });
        await using (var client = moved.TestClient())
        {
            Assert.Equal(200, (await client.Get("/assets/site.css")).StatusCode);
            Assert.Equal(404, (await client.Get("/static/site.css")).StatusCode);
        }

        var off = App();
        off.Builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Static:Folder"] = "" });
        await using (var client = off.TestClient())
        {
            Assert.Equal(404, (await client.Get("/static/site.css")).StatusCode);
            Assert.Throws<Micro.Routing.UrlBuildException>(() => off.UrlFor("static", new { filename = "site.css" }));
        }
    }
}
