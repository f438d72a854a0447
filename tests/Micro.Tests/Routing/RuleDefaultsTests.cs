using CsCheck;
using Micro.Testing;

namespace Micro.Tests.Routing;

/// <summary>
/// Werkzeug's rule <c>defaults</c> (with <c>redirect_defaults</c>) and <c>redirect_to</c> through Micro's public API; the
/// whole table of cases is replayed from Werkzeug in <see cref="WerkzeugGoldenTests"/> (suites <c>defaults-*</c>, <c>redirect-to</c>).
/// </summary>
public class RuleDefaultsTests
{
    private static MicroApp IndexApp(Func<string, string> handler)
    {
        var app = MicroApp.Create();
        app.Get("/", handler, endpoint: "index", defaults: new { js = "fetch" });
        app.Get("/<any(xhr, jquery, fetch):js>", handler, endpoint: "index");
        return app;
    }

    [Fact]
    public async Task A_default_binds_the_handler_parameter_builds_the_short_url_and_redirects_the_long_one()
    {
        var app = IndexApp(js => "page for " + js);
        await using var client = app.TestClient();

        Assert.Equal("page for fetch", (await client.Get("/")).Text);
        Assert.Equal("page for xhr", (await client.Get("/xhr")).Text);
        var redirect = await client.Get("/fetch?x=1");
        Assert.Equal(308, redirect.StatusCode);
        Assert.Equal("http://localhost/?x=1", redirect.Location);
        Assert.Equal("/", app.UrlFor("index", new { js = "fetch" }));
        Assert.Equal("/", app.UrlFor("index"));
        Assert.Equal("/jquery", app.UrlFor("index", new { js = "jquery" }));
    }

    [Fact]
    public async Task A_parameter_named_after_a_rule_variable_never_binds_from_the_query_string()
    {
        // A Flask port without defaults: the view's own default applies where the rule has no js, whatever the query says.
        var app = MicroApp.Create();
        app.Get("/", Index, endpoint: "index");
        app.Get("/<any(xhr, jquery, fetch):js>", Index, endpoint: "index");
        app.Get("/search", (string q) => "search " + q);
        await using var client = app.TestClient();

        Assert.Equal("page for fetch", (await client.Get("/?js=xhr")).Text);
        Assert.Equal("page for jquery", (await client.Get("/jquery?js=xhr")).Text);
        Assert.Equal("search cats", (await client.Get("/search?q=cats")).Text);
    }

    [Fact]
    public async Task A_default_is_never_replaced_by_the_query_string()
    {
        var app = IndexApp(js => "page for " + js);
        await using var client = app.TestClient();
        Assert.Equal("page for fetch", (await client.Get("/?js=xhr")).Text);
    }

    [Fact]
    public async Task Integer_defaults_compare_with_converted_values_whatever_their_type()
    {
        var app = MicroApp.Create();
        Func<long, string> users = page => $"page {page}";
        app.Get("/users/", users, endpoint: "users", defaults: new { page = 1 });
        app.Get("/users/page/<int:page>", users, endpoint: "users");
        await using var client = app.TestClient();

        Assert.Equal("page 1", (await client.Get("/users/")).Text);
        Assert.Equal("page 2", (await client.Get("/users/page/2")).Text);
        Assert.Equal("http://localhost/users/", (await client.Get("/users/page/01")).Location);
        Assert.Equal("/users/", app.UrlFor("users", new { page = 1L }));
        Assert.Equal("/users/page/3", app.UrlFor("users", new { page = 3 }));
    }

    [Fact]
    public async Task Attribute_routes_take_defaults_and_redirect_targets()
    {
        var app = MicroApp.Create();
        app.Register<UserPages>();
        await using var client = app.TestClient();

        Assert.Equal("page 1", (await client.Get("/users/")).Text);
        Assert.Equal("page 4", (await client.Get("/users/page/4")).Text);
        Assert.Equal("http://localhost/users/", (await client.Get("/users/page/1")).Location);
        var moved = await client.Get("/members/7");
        Assert.Equal(308, moved.StatusCode);
        Assert.Equal("http://localhost/users/page/7", moved.Location);
        Assert.Equal("/users/", app.UrlFor("users"));
    }

    [Fact]
    public async Task A_redirect_rule_sends_its_variables_to_the_target_and_never_runs_a_handler()
    {
        var app = MicroApp.Create();
        app.Get("/posts/<slug>", (string slug) => "post " + slug, endpoint: "post");
        app.Redirect("/old/<slug>", "/posts/<slug>");
        app.Redirect("/p/<int:id>", (request, values) => request.UrlFor("post", new { slug = "n" + values["id"] }), endpoint: "short");
        app.Route("/kept/<int:id>", () => "never", redirectTo: "posts/k<id>");
        await using var client = app.TestClient();

        var old = await client.Get("/old/caf%C3%A9?x=1");
        Assert.Equal(308, old.StatusCode);
        Assert.Equal("http://localhost/posts/caf%C3%A9", old.Location);
        Assert.Equal("http://localhost/posts/n5", (await client.Get("/p/5")).Location);
        Assert.Equal("http://localhost/posts/k9", (await client.Get("/kept/9")).Location);
        Assert.Equal(404, (await client.Get("/p/x")).StatusCode);
        Assert.Equal(405, (await client.Post("/old/a")).StatusCode);
        Assert.Equal("/p/5", app.UrlFor("short", new { id = 5 }));
    }

    [Fact]
    public async Task Every_built_url_answers_without_redirect_and_every_long_url_redirects_to_the_built_one()
    {
        // Werkzeug's promise behind redirect_defaults: one URL per page. For any values, the URL UrlFor builds is
        // answered by the handler with those values, and the longest rule's URL for them is that URL or a 308 to it.
        var app = MicroApp.Create();
        Func<string, long, string> feed = (kind, limit) => $"{kind} {limit}";
        app.Get("/feed", feed, endpoint: "feed", defaults: new { kind = "rss", limit = 10 });
        app.Get("/feed/<kind>", feed, endpoint: "feed", defaults: new { limit = 10 });
        app.Get("/feed/<kind>/<int:limit>", feed, endpoint: "feed");
        await using var client = app.TestClient();

        var kinds = Gen.OneOf(Gen.Const("rss"), Gen.Const("atom"), Gen.String[Gen.Char['a', 'z'], 1, 6]);
        var limits = Gen.OneOf(Gen.Const(10L), Gen.Long[0, 30]);
        Gen.Select(kinds, limits).Sample((kind, limit) =>
        {
            var built = app.UrlFor("feed", new { kind, limit });
            var direct = client.Get(built).GetAwaiter().GetResult();
            var full = client.Get($"/feed/{kind}/{limit}").GetAwaiter().GetResult();
            var fullIsBuilt = built == $"/feed/{kind}/{limit}";
            return direct.StatusCode == 200 && direct.Text == $"{kind} {limit}"
                && (fullIsBuilt ? full.StatusCode == 200 : full.StatusCode == 308 && full.Location == "http://localhost" + built);
        }, iter: 200);
    }

    [Fact]
    public async Task OpenAPI_lists_no_query_parameter_for_a_name_bound_from_the_route_only()
    {
        var document = await Micro.Tests.Platform.OpenApiTests.DocumentOf(app =>
        {
            app.Get("/", Index, endpoint: "index", defaults: new { js = "fetch" });
            app.Get("/<any(xhr, fetch):js>", Index, endpoint: "index");
            app.Get("/search", (string q) => q, endpoint: "search");
        });
        var paths = document["paths"]!;

        Assert.Null(paths["/"]!["get"]!["parameters"]?.AsArray().FirstOrDefault(parameter => (string?)parameter!["name"] == "js"));
        Assert.Equal("path", (string?)paths["/{js}"]!["get"]!["parameters"]![0]!["in"]);
        Assert.Equal("query", (string?)paths["/search"]!["get"]!["parameters"]![0]!["in"]);
    }

    [Fact]
    public async Task A_redirect_target_naming_no_variable_fails_at_startup()
    {
        var app = MicroApp.Create();
        app.Redirect("/old/<int:id>", "/new/<int:id>");
        var error = await Record.ExceptionAsync(async () => { await using var client = app.TestClient(); await client.Get("/"); });
        Assert.NotNull(error);
        var message = (error is AggregateException { InnerException: { } inner } ? inner : error).Message;
        Assert.Contains("'<int:id>'", message, StringComparison.Ordinal);
        Assert.Contains("not a variable of the rule", message, StringComparison.Ordinal);
    }

    private static string Index(string js = "fetch") => "page for " + js;

    public sealed class UserPages
    {
        [Get("/users/", Endpoint = "users", Defaults = ["page=1"])]
        [Get("/users/page/<int:page>", Endpoint = "users")]
        public string Users(int page) => $"page {page}";

        [Get("/members/<int:id>", RedirectTo = "/users/page/<id>")]
        public string Members() => "never";
    }
}
