using Micro.Testing;
using static Micro.Responses;

namespace Micro.Tests;

public class AppTests
{
    [Fact]
    public async Task A_string_is_html_and_an_int_route_binds_by_name()
    {
        var app = MicroApp.Create();
        app.Get("/", () => "<h1>Hello</h1>");
        app.Get("/users/<int:id>", (int id) => $"user {id}");
        await using var client = app.TestClient();

        var home = await client.Get("/");
        Assert.Equal(200, home.StatusCode);
        Assert.Equal("text/html; charset=utf-8", home.ContentType);
        Assert.Equal("<h1>Hello</h1>", home.Text);

        var user = await client.Get("/users/42");
        Assert.Equal("user 42", user.Text);
        Assert.Equal(404, (await client.Get("/users/abc")).StatusCode);
        Assert.Equal(404, (await client.Get("/users/99999999999")).StatusCode);
    }

    [Fact]
    public async Task Objects_become_json_and_tuples_set_status()
    {
        var app = MicroApp.Create(["--Csrf:Enabled=false"]); // POSTs without a token, as Flask tests do with WTF_CSRF_ENABLED = False
        app.Get("/json", () => new { Message = "Hello" });
        app.Post("/things", () => ("created", 201));
        app.Get("/none", () => (object?)null);
        await using var client = app.TestClient();

        var json = await client.Get("/json");
        Assert.Equal("application/json; charset=utf-8", json.ContentType);
        Assert.Equal("""{"message":"Hello"}""", json.Text);
        var created = await client.Post("/things");
        Assert.Equal(201, created.StatusCode);
        Assert.Equal("created", created.Text);
        Assert.Equal(204, (await client.Get("/none")).StatusCode);
    }

    [Fact]
    public async Task Abort_and_error_handlers()
    {
        var app = MicroApp.Create();
        app.Get("/missing", () => Abort(404));
        app.Get("/boom", string () => throw new InvalidOperationException("boom"));
        app.ErrorHandler(404, (HttpException error) => $"custom {error.StatusCode}");
        await using var client = app.TestClient();

        var missing = await client.Get("/missing");
        Assert.Equal(404, missing.StatusCode);
        Assert.Equal("custom 404", missing.Text);
        Assert.Equal("custom 404", (await client.Get("/nowhere")).Text);
        var boom = await client.Get("/boom");
        Assert.Equal(500, boom.StatusCode);
        Assert.Contains("Internal Server Error", boom.Text);
    }
}
