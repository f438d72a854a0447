using System.Text;
using Micro.Testing;
using Micro.Tests.Support;
using static Micro.Responses;

namespace Micro.Tests.Files;

public sealed class SendFileTests : IDisposable
{
    private readonly TempFolder _root = new();

    public SendFileTests()
    {
        _root.Write("reports/2026.csv", "a,b\n1,2\n");
        _root.Write("uploads/cat.txt", "meow");
        _root.Write("private.txt", "do not serve");
    }

    public void Dispose() => _root.Dispose();

    private MicroApp App()
    {
        var app = TestApps.Create(contentRoot: _root.Path);
        app.Get("/report", () => SendFile("reports/2026.csv"));
        app.Get("/download", () => SendFile("reports/2026.csv", asAttachment: true, downloadName: "report.csv"));
        app.Get("/unicode", () => SendFile("reports/2026.csv", asAttachment: true, downloadName: "résumé.csv"));
        app.Get("/cached", () => SendFile("reports/2026.csv", maxAge: TimeSpan.FromMinutes(1)));
        app.Get("/missing", () => SendFile("reports/none.csv"));
        app.Get("/stream", () => SendFile(new MemoryStream(Encoding.UTF8.GetBytes("0123456789")), mimetype: "text/plain"));
        app.Get("/named-stream", () => SendFile(new MemoryStream(Encoding.UTF8.GetBytes("{}")), downloadName: "data.json"));
        app.Get("/uploads/<path:name>", (string name) => SendFromDirectory("uploads", name));
        app.Get("/with-cookie", () => SendFile("uploads/cat.txt").SetCookie("seen", "yes"));
        app.Get("/private-cache", () =>
        {
            var response = SendFile("uploads/cat.txt");
            response.Headers.CacheControl = "private, max-age=5";
            return response;
        });
        return app;
    }

    [Fact]
    public async Task Send_file_guesses_the_type_and_shows_the_file_inline()
    {
        await using var client = App().TestClient();

        var report = await client.Get("/report");

        Assert.Equal(200, report.StatusCode);
        Assert.Equal("a,b\n1,2\n", report.Text);
        Assert.Equal("text/csv; charset=utf-8", report.ContentType);
        Assert.Equal("inline; filename=2026.csv", report.Header("Content-Disposition"));
        Assert.NotNull(report.Header("ETag"));
    }

    [Fact]
    public async Task Send_file_as_attachment_uses_the_download_name()
    {
        await using var client = App().TestClient();

        var download = await client.Get("/download");

        Assert.Equal("attachment; filename=report.csv", download.Header("Content-Disposition"));
    }

    [Fact]
    public async Task A_non_ascii_download_name_is_sent_encoded()
    {
        await using var client = App().TestClient();

        var download = await client.Get("/unicode");

        Assert.Contains("filename*=UTF-8''r%C3%A9sum%C3%A9.csv", download.Header("Content-Disposition"));
    }

    [Fact]
    public async Task Send_file_answers_conditional_and_range_requests()
    {
        await using var client = App().TestClient();
        var report = await client.Get("/report");

        var notModified = await client.Send(HttpMethod.Get, "/report", headers: [new("If-None-Match", report.Header("ETag")!)]);
        var part = await client.Send(HttpMethod.Get, "/report", headers: [new("Range", "bytes=4-6")]);

        Assert.Equal(304, notModified.StatusCode);
        Assert.Equal(206, part.StatusCode);
        Assert.Equal("1,2", part.Text);
    }

    [Fact]
    public async Task Send_file_with_max_age_lets_browsers_cache()
    {
        await using var client = App().TestClient();

        Assert.Equal("public, max-age=60", (await client.Get("/cached")).Header("Cache-Control"));
    }

    [Fact]
    public async Task Send_file_on_a_missing_path_is_a_server_error_as_in_flask()
    {
        await using var client = App().TestClient();

        Assert.Equal(500, (await client.Get("/missing")).StatusCode);
    }

    [Fact]
    public async Task Send_file_sends_a_stream_and_answers_ranges_when_it_can_seek()
    {
        await using var client = App().TestClient();

        var whole = await client.Get("/stream");
        var part = await client.Send(HttpMethod.Get, "/stream", headers: [new("Range", "bytes=2-4")]);
        var named = await client.Get("/named-stream");

        Assert.Equal("0123456789", whole.Text);
        Assert.Equal("text/plain; charset=utf-8", whole.ContentType);
        Assert.Equal(206, part.StatusCode);
        Assert.Equal("234", part.Text);
        Assert.Equal("application/json", named.ContentType);
        Assert.Equal("inline; filename=data.json", named.Header("Content-Disposition"));
    }

    [Fact]
    public void Send_file_refuses_a_stream_it_cannot_name_or_type()
    {
        Assert.Throws<ArgumentException>(() => SendFile(new MemoryStream()));
        Assert.Throws<ArgumentException>(() => SendFile(new MemoryStream(), mimetype: "text/plain", asAttachment: true));
    }

    [Fact]
    public async Task A_file_response_can_still_set_cookies()
    {
        await using var client = App().TestClient();

        var cat = await client.Get("/with-cookie");

        Assert.Equal("meow", cat.Text);
        Assert.Equal("yes", client.Cookie("seen")?.Value);
    }

    [Fact]
    public async Task Headers_set_on_a_file_response_win_over_the_defaults()
    {
        await using var client = App().TestClient();

        Assert.Equal("private, max-age=5", (await client.Get("/private-cache")).Header("Cache-Control"));
    }

    [Fact]
    public async Task A_head_request_gets_the_headers_without_the_body()
    {
        await using var client = App().TestClient();

        var head = await client.Send(HttpMethod.Head, "/report");

        Assert.Equal(200, head.StatusCode);
        Assert.Equal("text/csv; charset=utf-8", head.ContentType);
        Assert.Empty(head.Body);
    }

    [Fact]
    public async Task Send_from_directory_serves_a_file_inside_the_directory()
    {
        await using var client = App().TestClient();

        Assert.Equal("meow", (await client.Get("/uploads/cat.txt")).Text);
    }

    [Theory]
    [InlineData("/uploads/../private.txt")]
    [InlineData("/uploads/%2e%2e/private.txt")]
    [InlineData("/uploads/..%2fprivate.txt")]
    [InlineData("/uploads/..%5cprivate.txt")]
    [InlineData("/uploads/%2Ftmp%2Fprivate.txt")]
    [InlineData("/uploads/nothing.txt")]
    public async Task Send_from_directory_answers_404_for_escapes_and_missing_files(string url)
    {
        await using var client = App().TestClient();

        var response = await client.Get(url, followRedirects: true);

        Assert.Equal(404, response.StatusCode);
        Assert.DoesNotContain("do not serve", response.Text);
    }

    [Fact]
    public async Task Send_from_directory_refuses_a_symbolic_link_that_leads_out()
    {
        File.CreateSymbolicLink(Path.Combine(_root.Path, "uploads", "link.txt"), Path.Combine(_root.Path, "private.txt"));
        await using var client = App().TestClient();

        Assert.Equal(404, (await client.Get("/uploads/link.txt")).StatusCode);
    }
}
