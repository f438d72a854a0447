using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Micro.Testing;
using static Micro.Responses;

namespace Micro.Tests;

public class ResponseTests
{
    [Fact]
    public async Task Return_values_convert_as_flask_does()
    {
        var app = MicroApp.Create();
        app.Get("/dict", () => new Dictionary<string, int> { ["b"] = 2, ["a"] = 1 });
        app.Get("/list", () => new[] { 1, 2 });
        app.Get("/headers", () => ("body", 202, new Dictionary<string, string> { ["X-A"] = "1" }));
        app.Get("/headers-only", () => ("body", new Dictionary<string, string> { ["X-B"] = "2" }));
        app.Get("/result", () => Results.Text("plain", "text/plain"));
        app.Get("/bytes", () => Encoding.UTF8.GetBytes("raw"));
        app.Get("/stream", () => (Stream)new MemoryStream(Encoding.UTF8.GetBytes("streamed")));
        app.Get("/chunks", () => Chunks());
        app.Get("/void", () => { });
        await using var client = app.TestClient();

        Assert.Equal("""{"b":2,"a":1}""", (await client.Get("/dict")).Text);
        Assert.Equal("[1,2]", (await client.Get("/list")).Text);
        var headers = await client.Get("/headers");
        Assert.Equal(202, headers.StatusCode);
        Assert.Equal("1", headers.Header("X-A"));
        Assert.Equal("2", (await client.Get("/headers-only")).Header("X-B"));
        var result = await client.Get("/result");
        Assert.Equal("text/plain", result.ContentType);
        Assert.Equal("plain", result.Text);
        Assert.Equal("raw", (await client.Get("/bytes")).Text);
        var stream = await client.Get("/stream");
        Assert.Equal("application/octet-stream", stream.ContentType);
        Assert.Equal("streamed", stream.Text);
        Assert.Equal("abc", (await client.Get("/chunks")).Text);
        Assert.Equal(204, (await client.Get("/void")).StatusCode);
    }

    [Fact]
    public async Task Redirect_make_response_and_cookies()
    {
        var app = MicroApp.Create();
        app.Get("/", () => "home", endpoint: "index");
        app.Get("/go", () => Redirect(app.UrlFor("index")));
        app.Get("/moved", () => Redirect("/", 301));
        app.Get("/set", () => MakeResponse("set", 201).SetCookie("seen", "yes"));
        app.Get("/read", (Request r) => r.Cookies["seen"] ?? "none");
        app.Get("/forget", () => MakeResponse("gone").DeleteCookie("seen"));
        await using var client = app.TestClient();

        var go = await client.Get("/go");
        Assert.Equal(302, go.StatusCode);
        Assert.Equal("/", go.Location);
        Assert.Contains("Redirecting...", go.Text);
        Assert.Equal(301, (await client.Get("/moved")).StatusCode);
        Assert.Equal("home", (await client.Get("/go", followRedirects: true)).Text);

        var set = await client.Get("/set");
        Assert.Equal(201, set.StatusCode);
        Assert.Equal("yes", (await client.Get("/read")).Text);
        await client.Get("/forget");
        Assert.Equal("none", (await client.Get("/read")).Text);
    }

    [Fact]
    public async Task Json_sends_any_value_as_json_including_null_and_strings()
    {
        var app = MicroApp.Create();
        app.Get("/null", () => Json(null));
        app.Get("/string", () => Json("hi", 201));
        await using var client = app.TestClient();
        var none = await client.Get("/null");
        Assert.Equal("application/json; charset=utf-8", none.ContentType);
        Assert.Equal("null", none.Text);
        var text = await client.Get("/string");
        Assert.Equal(201, text.StatusCode);
        Assert.Equal("\"hi\"", text.Text);
    }

    [Fact]
    public async Task Configured_middleware_runs_after_micro_chose_the_endpoint()
    {
        var app = MicroApp.Create();
        app.Get("/users/<int:id>", (int id) => "user", endpoint: "user");
        app.Configure(pipeline => pipeline.Use(async (context, next) =>
        {
            context.Response.Headers["X-Endpoint"] = context.GetEndpoint()?.Metadata.GetMetadata<Micro.Routing.MicroEndpointMetadata>()?.Name ?? "none";
            await next(context);
        }));
        await using var client = app.TestClient();
        Assert.Equal("user", (await client.Get("/users/1")).Header("X-Endpoint"));
        Assert.Equal("none", (await client.Get("/nowhere")).Header("X-Endpoint"));
    }

    [Fact]
    public void Redirect_refuses_a_non_redirect_status() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Redirect("/", 200));

    [Fact]
    public async Task A_tuple_with_a_wrong_item_is_a_500_naming_it()
    {
        var app = MicroApp.Create();
        app.Get("/", () => ("body", 1.5));
        await using var client = app.TestClient();
        Assert.Equal(500, (await client.Get("/")).StatusCode);
    }

    private static async IAsyncEnumerable<string> Chunks()
    {
        foreach (var chunk in new[] { "a", "b", "c" })
        {
            await Task.Yield();
            yield return chunk;
        }
    }
}
