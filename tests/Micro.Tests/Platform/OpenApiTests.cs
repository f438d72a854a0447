using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Micro.Routing.Converters;
using Micro.Testing;

namespace Micro.Tests.Platform;

/// <summary>Micro's rules in documents from Microsoft.AspNetCore.OpenApi: typed path parameters from the converters.</summary>
public class OpenApiTests
{
    // Each operation of the sample app: its path parameters as (name, schema keywords) and what it answers. Schema keywords
    // not listed must be absent ("pattern" aside: the platform's own number handling adds it to every number).
    private static readonly (string Path, string Method, string? OperationId, string Parameters, string Response)[] Expected =
    [
        ("/users/{id}", "get", "user", """[{"name":"id","schema":{"type":"integer","format":"int32","minimum":0}}]""", "application/json"),
        ("/users", "post", "create_user", "[]", "application/json"),
        ("/big/{id}", "get", "big", """[{"name":"id","schema":{"type":"integer","format":"int64","minimum":0}}]""", "application/json"),
        ("/ranged/{n}", "get", "ranged", """[{"name":"n","schema":{"type":"integer","format":"int32","minimum":1,"maximum":99}}]""", "application/json"),
        ("/signed/{n}", "get", "signed", """[{"name":"n","schema":{"type":"integer","format":"int32"}}]""", "application/json"),
        ("/price/{amount}", "get", "price", """[{"name":"amount","schema":{"type":"number","format":"double","minimum":0}}]""", "application/json"),
        ("/scale/{factor}", "get", "scale", """[{"name":"factor","schema":{"type":"number","format":"float","minimum":0.5,"maximum":2.5}}]""", "application/json"),
        ("/items/{key}", "get", "item", """[{"name":"key","schema":{"type":"string","format":"uuid"}}]""", "application/json"),
        ("/files/{name}", "get", "file", """[{"name":"name","description":"A path: one or more segments, slashes included.","schema":{"type":"string"}}]""", "text/html"),
        ("/files/{name}/raw", "get", "raw_file", """[{"name":"name","description":"A path: one or more segments, slashes included.","schema":{"type":"string"}}]""", "text/html"),
        ("/sort/{order}", "get", "sort", """[{"name":"order","schema":{"type":"string","enum":["asc","desc"]}}]""", "text/html"),
        ("/codes/{code}", "get", "code", """[{"name":"code","schema":{"type":"string","minLength":3,"maxLength":3}}]""", "text/html"),
        ("/names/{name}", "get", "name", """[{"name":"name","schema":{"type":"string","minLength":2,"maxLength":8}}]""", "text/html"),
        ("/plain/{slug}", "get", "plain", """[{"name":"slug","schema":{"type":"string"}}]""", "text/html"),
        ("/tags/{tags}", "get", "tags", """[{"name":"tags","schema":{"type":"string"}}]""", "text/html"),
        ("/unbound/{id}/{key}", "get", "unbound", """[{"name":"id","schema":{"type":"integer","format":"int64","minimum":0}},{"name":"key","schema":{"type":"string","format":"uuid"}}]""", "text/html"),
        ("/form", "get", "form", "[]", "text/html"),
        ("/form", "post", "form", "[]", "text/html"),
        ("/page", "get", "page", "[]", "text/html"),
        ("/lambda", "get", null, "[]", "text/html"),
        ("/admin/stats", "get", "admin.stats", "[]", "application/json"),
        ("/shop/{id}", "get", "shop.show", """[{"name":"id","schema":{"type":"integer","format":"int32","minimum":0}}]""", "application/json"),
    ];

    private static readonly string[] SchemaKeywords = ["type", "format", "minimum", "maximum", "minLength", "maxLength", "enum"];

    [Fact]
    public async Task The_document_lists_every_rule_with_typed_path_parameters()
    {
        var document = await DocumentOf(SampleApp);
        var paths = document["paths"]!.AsObject();

        // Every method of every rule, HEAD and OPTIONS never; no static route, no 404 fallback, nothing else.
        var listed = paths.SelectMany(path => path.Value!.AsObject().Select(operation => (path.Key, operation.Key))).Order().ToArray();
        Assert.Equal(Expected.Select(operation => (operation.Path, operation.Method)).Order().ToArray(), listed);

        foreach (var (path, method, operationId, parameters, response) in Expected)
        {
            var operation = paths[path]![method]!.AsObject();
            Assert.Equal(operationId, (string?)operation["operationId"]);
            var actual = operation["parameters"]?.AsArray().Where(parameter => (string?)parameter!["in"] == "path").ToArray() ?? [];
            var expected = JsonNode.Parse(parameters)!.AsArray();
            Assert.True(expected.Count == actual.Length, $"{method} {path}: {actual.Length} path parameters, expected {expected.Count}");
            for (var i = 0; i < expected.Count; i++)
            {
                var want = expected[i]!;
                var have = actual[i]!;
                Assert.Equal((string?)want["name"], (string?)have["name"]);
                Assert.True((bool?)have["required"], $"{method} {path}: path parameters are required");
                Assert.Equal((string?)want["description"], (string?)have["description"]);
                foreach (var keyword in SchemaKeywords)
                {
                    var wanted = want["schema"]![keyword];
                    var had = have["schema"]![keyword];
                    Assert.True(JsonNode.DeepEquals(wanted, had), $"{method} {path} {want["name"]}: schema '{keyword}' is {had?.ToJsonString() ?? "absent"}, expected {wanted?.ToJsonString() ?? "absent"}");
                }
            }

            Assert.Equal([response], operation["responses"]!["200"]!["content"]!.AsObject().Select(content => content.Key));
        }

        // Bodies and responses as Minimal APIs infer them, conventions on registrations and on blueprints.
        var create = paths["/users"]!["post"]!;
        Assert.Equal(["application/json"], create["requestBody"]!["content"]!.AsObject().Select(content => content.Key));
        var user = paths["/users/{id}"]!["get"]!;
        Assert.Equal("One user", (string?)user["summary"]);
        Assert.Equal(["users"], user["tags"]!.AsArray().Select(tag => (string?)tag));
        var stats = paths["/admin/stats"]!["get"]!;
        Assert.Equal("Statistics", (string?)stats["summary"]);
        Assert.Equal(["admin"], stats["tags"]!.AsArray().Select(tag => (string?)tag));
        Assert.Equal("#/components/schemas/Stats", (string?)stats["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]);
        Assert.NotNull(document["components"]!["schemas"]!["User"]);

        // Attributes on attribute routes, their class's first.
        var shop = paths["/shop/{id}"]!["get"]!;
        Assert.Equal("A product", (string?)shop["summary"]);
        Assert.Equal(["shop"], shop["tags"]!.AsArray().Select(tag => (string?)tag));
    }

    [Fact]
    public async Task The_static_route_is_listed_only_when_asked()
    {
        var quiet = await DocumentOf(app => app.Get("/", () => "home", endpoint: "index"));
        Assert.Equal(["/"], quiet["paths"]!.AsObject().Select(path => path.Key));

        var listed = await DocumentOf(
            app => app.Get("/", () => "home", endpoint: "index"),
            app => app.Services.Configure<MicroStaticOptions>(options => options.ListInApiDescription = true));
        var file = listed["paths"]!["/static/{filename}"]!["get"]!;
        Assert.Equal("static", (string?)file["operationId"]);
        Assert.Equal("A path: one or more segments, slashes included.", (string?)file["parameters"]![0]!["description"]);
    }

    internal static void SampleApp(MicroApp app)
    {
        app.Get("/users/<int:id>", (int id) => new User(id, "ada"), endpoint: "user").WithSummary("One user").WithTags("users");
        app.Post("/users", (User user) => user, endpoint: "create_user");
        app.Get("/big/<int:id>", (long id) => id, endpoint: "big");
        app.Get("/ranged/<int(min=1, max=99):n>", (int n) => n, endpoint: "ranged");
        app.Get("/signed/<int(signed=True):n>", (int n) => n, endpoint: "signed");
        app.Get("/price/<float:amount>", (double amount) => amount, endpoint: "price");
        app.Get("/scale/<float(min=0.5, max=2.5):factor>", (float factor) => factor, endpoint: "scale");
        app.Get("/items/<uuid:key>", (Guid key) => key, endpoint: "item");
        app.Get("/files/<path:name>", (string name) => name, endpoint: "file");
        app.Get("/files/<path:name>/raw", (string name) => name, endpoint: "raw_file");
        app.Get("/sort/<any(asc, desc):order>", (string order) => order, endpoint: "sort");
        app.Get("/codes/<string(length=3):code>", (string code) => code, endpoint: "code");
        app.Get("/names/<string(minlength=2, maxlength=8):name>", (string name) => name, endpoint: "name");
        app.Get("/plain/<slug>", (string slug) => slug, endpoint: "plain");
        app.Get("/tags/<list:tags>", (string tags) => tags, endpoint: "tags");
        app.Get("/unbound/<int:id>/<uuid:key>", () => "takes neither", endpoint: "unbound");
        app.Route("/form", (HttpContext context) => "form", ["GET", "POST"], endpoint: "form");
        app.Get("/page", () => "<p>html</p>", endpoint: "page");
        app.Get("/lambda", () => "no name");
        var admin = new Blueprint("admin", "/admin");
        admin.WithTags("admin");
        admin.Get("/stats", () => Results.Ok(new Stats(3)), endpoint: "stats").Produces<Stats>(200).WithSummary("Statistics");
        app.Register(admin);
        app.Register<ShopPages>();
        app.Converters["list"] = _ => new ListConverter();
    }

    internal static async Task<JsonObject> DocumentOf(Action<MicroApp> configure, Action<MicroApp>? before = null)
    {
        var (app, web) = PlatformApps.Create(app =>
        {
            app.Services.AddOpenApi();
            before?.Invoke(app);
        });
        configure(app);
        web.MapOpenApi();
        await using var client = app.TestClient();
        var response = await client.Get("/openapi/v1.json");
        Assert.Equal(200, response.StatusCode);
        return JsonNode.Parse(response.Text)!.AsObject();
    }

    internal sealed record User(int Id, string Name);

    public sealed record Stats(int Count);

    [Blueprint("shop", UrlPrefix = "/shop")]
    [Tags("shop")]
    public sealed class ShopPages
    {
        [Get("/<int:id>")]
        [EndpointSummary("A product")]
        public Stats Show(int id) => new(id);
    }

    private sealed class ListConverter : Converter
    {
        public override string Regex => "[a-z]+(?:,[a-z]+)*";
    }
}
