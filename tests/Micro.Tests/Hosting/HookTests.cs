using Microsoft.Extensions.DependencyInjection;
using Micro.Testing;
using static Micro.Responses;

namespace Micro.Tests.Hosting;

public class HookTests
{
    [Fact]
    public async Task Hooks_run_in_flask_order()
    {
        var log = new List<string>();
        var app = MicroApp.Create();
        var bp = new Blueprint("bp", "/bp");
        app.BeforeRequest(() => { log.Add("app before"); });
        bp.BeforeRequest(() => { log.Add("bp before"); });
        app.AfterRequest(() => { log.Add("app after 1"); });
        app.AfterRequest(() => { log.Add("app after 2"); });
        bp.AfterRequest(() => { log.Add("bp after"); });
        app.Teardown((_, _) => log.Add("app teardown"));
        bp.Teardown((_, _) => log.Add("bp teardown"));
        bp.Get("/x", () => { log.Add("handler"); return "x"; });
        app.Register(bp);
        await using var client = app.TestClient();

        await client.Get("/bp/x");
        Assert.Equal(["app before", "bp before", "handler", "bp after", "app after 2", "app after 1", "bp teardown", "app teardown"], log);
    }

    [Fact]
    public async Task A_before_hook_returning_a_value_short_circuits()
    {
        var app = MicroApp.Create();
        var handled = false;
        app.BeforeRequest((Request r) => r.Args["key"] == "secret" ? null : MakeResponse("go away", 403));
        app.Get("/", () => { handled = true; return "in"; });
        await using var client = app.TestClient();

        var refused = await client.Get("/");
        Assert.Equal(403, refused.StatusCode);
        Assert.Equal("go away", refused.Text);
        Assert.False(handled);
        Assert.Equal("in", (await client.Get("/?key=secret")).Text);
    }

    [Fact]
    public async Task After_hooks_change_or_replace_the_response()
    {
        var app = MicroApp.Create();
        app.AfterRequest((Response response) => { response.Headers["X-Frame-Options"] = "DENY"; });
        app.AfterRequest((Request r, Response response) => r.Path == "/replace" ? MakeResponse("replaced", 202) : null);
        app.Get("/", () => "home");
        app.Get("/replace", () => "original");
        await using var client = app.TestClient();

        var home = await client.Get("/");
        Assert.Equal("DENY", home.Header("X-Frame-Options"));
        var replaced = await client.Get("/replace");
        Assert.Equal(202, replaced.StatusCode);
        Assert.Equal("replaced", replaced.Text);
        Assert.Equal("DENY", replaced.Header("X-Frame-Options"));
    }

    [Fact]
    public async Task Hooks_run_for_404s_and_after_hooks_see_error_responses()
    {
        var app = MicroApp.Create();
        var before = 0;
        app.BeforeRequest(() => { before++; });
        app.AfterRequest((Response response) => { response.Headers["X-Status"] = response.StatusCode.ToString(); });
        await using var client = app.TestClient();
        var missing = await client.Get("/nowhere");
        Assert.Equal(404, missing.StatusCode);
        Assert.Equal("404", missing.Header("X-Status"));
        Assert.Equal(1, before);
    }

    [Fact]
    public async Task Teardown_gets_the_unhandled_exception_and_the_server_keeps_serving()
    {
        var app = MicroApp.Create();
        Exception? seen = null;
        app.Teardown((_, error) => seen = error);
        app.Get("/boom", string () => throw new InvalidOperationException("boom"));
        app.Get("/ok", () => "ok");
        await using var client = app.TestClient();

        var boom = await client.Get("/boom");
        Assert.Equal(500, boom.StatusCode);
        Assert.IsType<InvalidOperationException>(seen);
        Assert.DoesNotContain("boom", boom.Text); // Production: no details
        Assert.Equal("ok", (await client.Get("/ok")).Text);
        Assert.Null(seen);
    }

    [Fact]
    public async Task Development_error_page_shows_the_exception()
    {
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder(new Microsoft.AspNetCore.Builder.WebApplicationOptions { EnvironmentName = "Development" });
        var app = MicroApp.Create(builder);
        app.Get("/boom", string () => throw new InvalidOperationException("kaboom <script>"));
        await using var client = app.TestClient();
        var page = await client.Get("/boom");
        Assert.Equal(500, page.StatusCode);
        Assert.Contains("InvalidOperationException: kaboom &lt;script&gt;", page.Text);
    }

    [Fact]
    public async Task Error_handlers_by_type_prefer_the_most_derived_and_the_blueprint()
    {
        var app = MicroApp.Create();
        var bp = new Blueprint("bp", "/bp");
        app.ErrorHandler<Exception>((e, r) => ("app exception", 500));
        app.ErrorHandler<ArgumentException>((e, r) => ("app argument", 400));
        bp.ErrorHandler<ArgumentException>((e, r) => ("bp argument", 400));
        app.Get("/arg", string () => throw new ArgumentNullException("x"));
        app.Get("/other", string () => throw new InvalidOperationException());
        bp.Get("/arg", string () => throw new ArgumentException("x"));
        app.Register(bp);
        await using var client = app.TestClient();

        Assert.Equal("app argument", (await client.Get("/arg")).Text);
        Assert.Equal("app exception", (await client.Get("/other")).Text);
        Assert.Equal("bp argument", (await client.Get("/bp/arg")).Text);
    }

    [Fact]
    public async Task A_failing_error_handler_gives_the_default_500()
    {
        var app = MicroApp.Create();
        app.ErrorHandler(404, string () => throw new InvalidOperationException("handler broke"));
        await using var client = app.TestClient();
        var page = await client.Get("/nowhere");
        Assert.Equal(500, page.StatusCode);
        Assert.Contains("Internal Server Error", page.Text);
    }

    [Fact]
    public async Task Abort_with_a_description_is_escaped_on_the_default_page()
    {
        var app = MicroApp.Create();
        app.Get("/", () => Abort(403, "No <b>entry</b>"));
        await using var client = app.TestClient();
        var page = await client.Get("/");
        Assert.Equal(403, page.StatusCode);
        Assert.Contains("<title>403 Forbidden</title>", page.Text);
        Assert.Contains("No &lt;b&gt;entry&lt;/b&gt;", page.Text);
    }

    [Fact]
    public async Task Hooks_and_error_handlers_get_services()
    {
        var app = MicroApp.Create();
        app.Services.AddSingleton(new Greeting("hi"));
        app.ErrorHandler(404, (Greeting greeting, HttpException e) => $"{greeting.Text} {e.StatusCode}");
        await using var client = app.TestClient();
        Assert.Equal("hi 404", (await client.Get("/x")).Text);
    }

    public sealed record Greeting(string Text);
}
