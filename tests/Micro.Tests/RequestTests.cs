using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Micro.Testing;

namespace Micro.Tests;

public class RequestTests
{
    [Fact]
    public async Task Query_args_keep_every_value()
    {
        var app = MicroApp.Create();
        app.Get("/search", (Request r) => $"{r.Args["q"]}|{string.Join(",", r.Args["tag"].ToArray())}|{r.Args.ContainsKey("none")}");
        await using var client = app.TestClient();
        Assert.Equal("a b|x,y|False", (await client.Get("/search?q=a+b&tag=x&tag=y")).Text);
    }

    [Fact]
    public async Task Simple_parameters_bind_from_the_query_string()
    {
        var app = MicroApp.Create();
        app.Get("/page", (int page) => $"page {page}");
        await using var client = app.TestClient();
        Assert.Equal("page 3", (await client.Get("/page?page=3")).Text);
        Assert.Equal(400, (await client.Get("/page?page=x")).StatusCode);
    }

    [Fact]
    public async Task Forms_and_files_are_read()
    {
        var app = MicroApp.Create();
        app.Post("/upload", async (Request r) =>
        {
            var form = await r.FormAsync();
            var file = r.Files["photo"]!;
            using var reader = new StreamReader(file.OpenReadStream());
            return $"{form["title"]}|{string.Join(",", form.GetList("tag"))}|{file.FileName}|{await reader.ReadToEndAsync()}";
        }).DisableCsrf(); // posted without a CSRF token, as Flask tests do with WTF_CSRF_ENABLED = False
        await using var client = app.TestClient();
        using var content = new MultipartFormDataContent
        {
            { new StringContent("Holiday"), "title" },
            { new StringContent("a"), "tag" },
            { new StringContent("b"), "tag" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes("PNGDATA")), "photo", "me.png" },
        };
        Assert.Equal("Holiday|a,b|me.png|PNGDATA", (await client.Post("/upload", content)).Text);
    }

    [Fact]
    public async Task A_malformed_multipart_body_is_400()
    {
        var app = MicroApp.Create();
        app.Post("/upload", async (Request r) => (await r.FormAsync()).Count.ToString());
        await using var client = app.TestClient();
        var broken = new StringContent("--xyz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nunterminated");
        broken.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=xyz");
        var response = await client.Post("/upload", broken);
        Assert.Equal(400, response.StatusCode);
        Assert.Contains("The form could not be read", response.Text);
    }

    [Fact]
    public async Task Json_bodies_are_read_and_bad_ones_rejected()
    {
        var app = MicroApp.Create(["--Csrf:Enabled=false"]); // scripts posting JSON without a token, as Flask tests do with WTF_CSRF_ENABLED = False
        app.Post("/items", async (Request r) => (await r.JsonAsync<Item>())!.Name.ToUpperInvariant());
        app.Post("/bound", (Item item) => item.Name);
        await using var client = app.TestClient();

        Assert.Equal("PEN", (await client.PostJson("/items", new { name = "pen" })).Text);
        var malformed = await client.Post("/items", new StringContent("{\"name\":", Encoding.UTF8, "application/json"));
        Assert.Equal(400, malformed.StatusCode);
        Assert.Contains("Failed to decode JSON object", malformed.Text);
        var notJson = await client.Post("/items", new StringContent("name=pen", Encoding.UTF8, "text/plain"));
        Assert.Equal(415, notJson.StatusCode);
        Assert.Equal(400, (await client.Post("/bound", new StringContent("{oops", Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal("pen", (await client.PostJson("/bound", new { name = "pen" })).Text);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413()
    {
        var app = MicroApp.Create(["--Csrf:Enabled=false"]);
        app.MaxContentLength = 10;
        app.Post("/echo", async (Request r) => (await r.GetDataAsync()).Length.ToString());
        await using var client = app.TestClient();
        Assert.Equal("5", (await client.Post("/echo", new StringContent("small"))).Text);
        var big = await client.Post("/echo", new StringContent(new string('x', 11)));
        Assert.Equal(413, big.StatusCode);
        Assert.Contains("The data value transmitted exceeds the capacity limit.", big.Text);
    }

    [Fact]
    public async Task Cookies_headers_and_request_facts_are_visible()
    {
        var app = MicroApp.Create();
        app.Get("/about/<name>", (Request r) => $"{r.Cookies["theme"]}|{r.Headers["X-Test"]}|{r.Method}|{r.Path}|{r.FullPath}|{r.Endpoint}|{r.UrlRule}|{r.Url}", endpoint: "about");
        await using var client = app.TestClient();
        client.Cookies.Add(new Uri("http://localhost/"), new System.Net.Cookie("theme", "dark"));
        var text = (await client.Send(HttpMethod.Get, "/about/me?x=1", headers: [new("X-Test", "yes")])).Text;
        Assert.Equal("dark|yes|GET|/about/me|/about/me?x=1|about|/about/<name>|http://localhost/about/me?x=1", text);
    }

    [Fact]
    public async Task Async_handlers_and_cancellation_tokens_bind()
    {
        var app = MicroApp.Create();
        app.Get("/slow", async (CancellationToken token) => { await Task.Delay(1, token); return "done"; });
        app.Get("/value", async ValueTask<object> () => { await Task.Yield(); return new { ok = true }; });
        await using var client = app.TestClient();
        Assert.Equal("done", (await client.Get("/slow")).Text);
        Assert.Equal("""{"ok":true}""", (await client.Get("/value")).Text);
    }

    public sealed record Item(string Name);
}
