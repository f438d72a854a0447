using Microsoft.Extensions.DependencyInjection;
using Micro.Testing;
using static Micro.Responses;

namespace Micro.Tests.Hosting;

public sealed class ErrorHandlerTests
{
    [Fact]
    public async Task An_HttpException_handler_turns_every_http_error_into_json()
    {
        var app = MicroApp.Create();
        app.ErrorHandler<HttpException>((e, request) => Json(new { code = e.StatusCode, name = e.Name }, e.StatusCode));
        app.Get("/forbidden", () => Abort(403));
        app.Post("/only-post", () => "x").DisableCsrf();
        await using var client = app.TestClient();

        var missing = await client.Get("/nowhere");
        Assert.Equal(404, missing.StatusCode);
        Assert.Equal("""{"code":404,"name":"Not Found"}""", missing.Text);
        Assert.Equal("""{"code":403,"name":"Forbidden"}""", (await client.Get("/forbidden")).Text);
        var wrongMethod = await client.Get("/only-post");
        Assert.Equal(405, wrongMethod.StatusCode);
        Assert.Equal("""{"code":405,"name":"Method Not Allowed"}""", wrongMethod.Text);
    }

    [Fact]
    public async Task A_blueprint_handler_for_a_base_class_beats_the_app_handler_for_the_exact_class()
    {
        // Flask searches scope by scope, innermost first; the class chain only within a scope.
        var app = MicroApp.Create();
        var bp = new Blueprint("bp", "/bp");
        app.ErrorHandler<ArgumentException>((e, r) => ("app argument", 400));
        bp.ErrorHandler<Exception>((e, r) => ("bp exception", 500));
        bp.Get("/arg", string () => throw new ArgumentException("x"));
        app.Register(bp);
        await using var client = app.TestClient();

        var page = await client.Get("/bp/arg");
        Assert.Equal(500, page.StatusCode);
        Assert.Equal("bp exception", page.Text);
    }

    [Fact]
    public async Task An_unhandled_exception_reaches_an_HttpException_handler_as_a_500_that_carries_it()
    {
        var app = MicroApp.Create();
        app.ErrorHandler<HttpException>((e, r) => ($"{e.StatusCode} because {e.InnerException?.Message}", e.StatusCode));
        app.Get("/boom", string () => throw new InvalidOperationException("kaboom"));
        await using var client = app.TestClient();

        var page = await client.Get("/boom");
        Assert.Equal(500, page.StatusCode);
        Assert.Equal("500 because kaboom", page.Text);
    }

    [Fact]
    public async Task A_typed_error_handler_binds_services_and_the_request_like_any_hook()
    {
        var app = MicroApp.Create();
        app.Services.AddSingleton(new Greeting("sorry"));
        app.ErrorHandler<KeyNotFoundException>((KeyNotFoundException e, Greeting greeting, Request request) => ($"{greeting.Text}: {e.Message} at {request.Path}", 404));
        app.Get("/k", string () => throw new KeyNotFoundException("no such key"));
        await using var client = app.TestClient();

        var page = await client.Get("/k");
        Assert.Equal(404, page.StatusCode);
        Assert.Equal("sorry: no such key at /k", page.Text);
    }

    [Fact]
    public async Task A_teardown_hook_binds_services_and_gets_the_unhandled_exception_or_null()
    {
        var seen = new List<string>();
        var app = MicroApp.Create();
        app.Services.AddSingleton(new Greeting("closing"));
        app.Teardown((Greeting greeting, Request request, Exception? error) => seen.Add($"{greeting.Text} {request.Path} {error?.Message ?? "ok"}"));
        app.Get("/", () => "home");
        app.Get("/boom", string () => throw new InvalidOperationException("kaboom"));
        await using var client = app.TestClient();

        await client.Get("/");
        await client.Get("/boom");
        Assert.Equal(["closing / ok", "closing /boom kaboom"], seen);
    }

    [Fact]
    public async Task A_handler_registered_again_for_the_same_key_replaces_the_first_as_in_flask()
    {
        var app = MicroApp.Create();
        app.ErrorHandler(404, () => ("first", 404));
        app.ErrorHandler(404, () => ("second", 404));
        await using var client = app.TestClient();
        Assert.Equal("second", (await client.Get("/x")).Text);
    }

    public sealed record Greeting(string Text);
}
