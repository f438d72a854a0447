using Microsoft.Extensions.DependencyInjection;
using Micro.Routing;
using Micro.Testing;
using static Micro.Responses;

namespace Micro.Tests.Routing;

public class BlueprintTests
{
    [Fact]
    public async Task Blueprints_prefix_rules_and_endpoint_names_and_nest()
    {
        var app = MicroApp.Create();
        var admin = new Blueprint("admin", urlPrefix: "/admin/");
        var users = new Blueprint("users", urlPrefix: "/users");
        admin.Get("/", (Request r) => $"{r.Endpoint} {r.Blueprint}", endpoint: "index");
        users.Get("/<int:id>", (int id, Request r) => $"{r.Endpoint} {r.Blueprint} {r.UrlFor(".show", new { id = id + 1 })}", endpoint: "show");
        admin.Register(users);
        app.Register(admin);
        await using var client = app.TestClient();

        Assert.Equal("admin.index admin", (await client.Get("/admin/")).Text);
        Assert.Equal("admin.users.show admin.users /admin/users/8", (await client.Get("/admin/users/7")).Text);
        Assert.Equal("/admin/users/3", app.UrlFor("admin.users.show", new { id = 3 }));
    }

    [Fact]
    public async Task A_blueprint_registers_twice_under_another_name_and_prefix()
    {
        var app = MicroApp.Create();
        var pages = new Blueprint("pages");
        pages.Get("/about", (Request r) => r.Endpoint!, endpoint: "about");
        app.Register(pages, urlPrefix: "/en");
        app.Register(pages, urlPrefix: "/fr", name: "pages_fr");
        await using var client = app.TestClient();
        Assert.Equal("pages.about", (await client.Get("/en/about")).Text);
        Assert.Equal("pages_fr.about", (await client.Get("/fr/about")).Text);
    }

    [Fact]
    public async Task Blueprint_hooks_and_error_handlers_apply_to_its_routes_only()
    {
        var app = MicroApp.Create();
        var api = new Blueprint("api", "/api");
        api.BeforeRequest((Request r) => r.Headers.ContainsKey("X-Key") ? null : Abort(401));
        api.ErrorHandler(401, () => Json(new { error = "key required" }, 401));
        api.Get("/data", () => new { data = 1 });
        app.Get("/", () => "public");
        app.Register(api);
        await using var client = app.TestClient();

        Assert.Equal("public", (await client.Get("/")).Text);
        var refused = await client.Get("/api/data");
        Assert.Equal(401, refused.StatusCode);
        Assert.Equal("""{"error":"key required"}""", refused.Text);
        Assert.Equal("""{"data":1}""", (await client.Send(HttpMethod.Get, "/api/data", headers: [new("X-Key", "k")])).Text);
    }

    [Fact]
    public void Blueprint_names_and_endpoints_may_not_contain_dots()
    {
        Assert.Throws<ArgumentException>(() => new Blueprint("a.b"));
        var bp = new Blueprint("bp");
        Assert.Throws<ArgumentException>(() => bp.Get("/x", () => "", endpoint: "x.y"));
    }

    [Fact]
    public async Task Attribute_routes_get_services_and_snake_case_endpoints()
    {
        var app = MicroApp.Create(["--Csrf:Enabled=false"]); // a POST without a token, as Flask tests do with WTF_CSRF_ENABLED = False
        app.Services.AddSingleton<UserStore>();
        app.Register<UserPages>();
        app.Register<Plain>();
        await using var client = app.TestClient();

        Assert.Equal("Ada", (await client.Get("/people/1")).Text);
        Assert.Equal(404, (await client.Get("/people/2")).StatusCode);
        Assert.Equal("edit 1 via POST", (await client.Post("/people/1/edit")).Text);
        Assert.Equal("/people/1/edit", app.UrlFor("people.edit_user", new { id = 1 }));
        Assert.Equal("/people/5", app.UrlFor("people.show", new { id = 5 }));
        Assert.Equal("plain", (await client.Get("/plain")).Text);
        Assert.Equal("/plain", app.UrlFor("get_plain_page"));
    }

    [Fact]
    public void Registering_a_class_without_routes_is_an_error()
    {
        var app = MicroApp.Create();
        var error = Assert.Throws<ArgumentException>(() => app.Register<UserStore>());
        Assert.Contains("has no public methods with [Route]", error.Message);
    }

    [Fact]
    public async Task Url_for_reports_unknown_endpoints_and_missing_values()
    {
        var app = MicroApp.Create();
        app.Get("/users/<int:id>", (int id) => "", endpoint: "user");
        await using var client = app.TestClient();
        var unknown = Assert.Throws<UrlBuildException>(() => app.UrlFor("usr"));
        Assert.Equal("Could not build url for endpoint 'usr'. Did you mean 'user' instead?", unknown.Message);
        var missing = Assert.Throws<UrlBuildException>(() => app.UrlFor("user"));
        Assert.Equal("Could not build url for endpoint 'user'. Did you forget to specify values ['id']?", missing.Message);
        Assert.Equal("/users/1?tab=posts#top", app.UrlFor("user", new Dictionary<string, object?> { ["id"] = 1, ["tab"] = "posts", ["_anchor"] = "top" }));
    }

    public sealed class UserStore
    {
        public string? Find(int id) => id == 1 ? "Ada" : null;
    }

    [Blueprint("people", UrlPrefix = "/people")]
    public sealed class UserPages(UserStore users)
    {
        [Get("/<int:id>")]
        public object Show(int id) => users.Find(id) is { } name ? name : Abort(404);

        [Route("/<int:id>/edit", Methods = ["GET", "POST"])]
        public string EditUser(int id, Request request) => $"edit {id} via {request.Method}";
    }

    public sealed class Plain
    {
        [Get("/plain")]
        public static string GetPlainPage() => "plain";
    }
}
