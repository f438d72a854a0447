using Micro.Routing.Converters;
using Micro.Testing;

namespace Micro.Tests.Routing;

public class RoutingBehaviourTests
{
    [Fact]
    public async Task Several_rules_of_one_endpoint_leave_unmatched_requests_a_404()
    {
        // The platform's matcher refuses two endpoints with one name; Werkzeug has many rules per endpoint.
        var app = MicroApp.Create();
        app.Get("/a", Page, endpoint: "page");
        app.Get("/b", Page, endpoint: "page");
        await using var client = app.TestClient();

        Assert.Equal(404, (await client.Get("/nothing")).StatusCode);
        Assert.Equal("page", (await client.Get("/b")).Text);
        Assert.Equal("/a", app.UrlFor("page"));
    }

    private static string Page() => "page";

    [Theory]
    [InlineData("/i/2147483647", 200)]
    [InlineData("/i/2147483648", 404)]
    [InlineData("/b/255", 200)]
    [InlineData("/b/256", 404)]
    [InlineData("/d/1.5", 200)]
    [InlineData("/g/3f2504e0-4f89-41d3-9a0c-0305e82c3301", 200)]
    public async Task Values_that_do_not_fit_the_parameter_type_are_404_not_400(string path, int status)
    {
        var app = MicroApp.Create();
        app.Get("/i/<int:n>", (int n) => $"{n}");
        app.Get("/b/<int:n>", (byte n) => $"{n}");
        app.Get("/d/<float:x>", (decimal x) => $"{x}");
        app.Get("/g/<uuid:id>", (Guid id) => $"{id}");
        await using var client = app.TestClient();
        Assert.Equal(status, (await client.Get(path)).StatusCode);
    }

    [Fact]
    public async Task Converted_values_reach_view_args_with_their_types()
    {
        var app = MicroApp.Create();
        app.Get("/v/<int:n>/<float:x>/<uuid:id>/<path:rest>", (Request r) =>
            string.Join("|", r.ViewArgs.Select(pair => $"{pair.Key}={pair.Value}:{pair.Value!.GetType().Name}")));
        await using var client = app.TestClient();
        var text = (await client.Get("/v/7/2.5/3f2504e0-4f89-41d3-9a0c-0305e82c3301/a/b%2Fc")).Text;
        Assert.Equal("n=7:Int64|x=2.5:Double|id=3f2504e0-4f89-41d3-9a0c-0305e82c3301:Guid|rest=a/b/c:String", text);
    }

    [Fact]
    public async Task Head_runs_the_get_handler_without_a_body()
    {
        var app = MicroApp.Create();
        var calls = 0;
        app.Get("/", () => { calls++; return "hello"; });
        await using var client = app.TestClient();
        var head = await client.Send(HttpMethod.Head, "/");
        Assert.Equal(200, head.StatusCode);
        Assert.Empty(head.Body);
        Assert.Equal("5", head.Header("Content-Length"));
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task Options_lists_every_method_of_the_path()
    {
        var app = MicroApp.Create();
        app.Get("/items", () => "list");
        app.Post("/items", () => "create");
        await using var client = app.TestClient();
        var options = await client.Send(HttpMethod.Options, "/items");
        Assert.Equal(200, options.StatusCode);
        Assert.Equal("GET, HEAD, OPTIONS, POST", options.Header("Allow"));
        Assert.Empty(options.Body);
        var wrong = await client.Send(HttpMethod.Delete, "/items");
        Assert.Equal(405, wrong.StatusCode);
        Assert.Equal("GET, HEAD, OPTIONS, POST", wrong.Header("Allow"));
    }

    [Fact]
    public async Task Strict_slashes_redirect_keeping_the_query_string()
    {
        var app = MicroApp.Create();
        app.Get("/dir/", () => "dir");
        app.Get("/file", () => "file");
        await using var client = app.TestClient();
        var redirect = await client.Get("/dir?a=1&b=2");
        Assert.Equal(308, redirect.StatusCode);
        Assert.Equal("http://localhost/dir/?a=1&b=2", redirect.Location);
        Assert.Equal("dir", (await client.Get("/dir", followRedirects: true)).Text);
        Assert.Equal(404, (await client.Get("/file/")).StatusCode);
    }

    [Fact]
    public async Task Custom_converters_match_convert_and_build()
    {
        var app = MicroApp.Create();
        app.Converters["list"] = _ => new ListConverter();
        app.Get("/tags/<list:tags>", (Request request) => string.Join(" + ", (string[])request.ViewArgs["tags"]!), endpoint: "tags");
        await using var client = app.TestClient();
        Assert.Equal("a + b + c", (await client.Get("/tags/a,b,c")).Text);
        Assert.Equal(404, (await client.Get("/tags/A,b")).StatusCode);
        Assert.Equal("/tags/x,y", app.UrlFor("tags", new { tags = new[] { "x", "y" } }));
    }

    [Fact]
    public async Task A_custom_converter_rejecting_a_value_gives_404()
    {
        var app = MicroApp.Create();
        app.Converters["even"] = _ => new EvenConverter();
        app.Get("/e/<even:n>", (Request r) => $"{r.ViewArgs["n"]}");
        await using var client = app.TestClient();
        Assert.Equal("4", (await client.Get("/e/4")).Text);
        Assert.Equal(404, (await client.Get("/e/5")).StatusCode);
    }

    [Fact]
    public async Task Routes_command_prints_the_table_sorted_by_endpoint()
    {
        var app = MicroApp.Create();
        app.Get("/users/<int:id>", (int id) => "", endpoint: "user");
        app.Route("/items", () => "", ["GET", "POST"], endpoint: "items");
        await using var client = app.TestClient();
        using var stream = new MemoryStream();
        Assert.Equal(0, Micro.Hosting.Commands.TryRun(app, ["routes"], stream, TextWriter.Null));
        var output = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        Assert.Equal(
            "Endpoint  Methods    Rule\n--------  ---------  -----------------------\nitems     GET, POST  /items\nstatic    GET        /static/<path:filename>\nuser      GET        /users/<int:id>\n",
            output.ToString().Replace("\r\n", "\n"));
    }

    private sealed class ListConverter : Converter
    {
        public override string Regex => "[a-z]+(?:,[a-z]+)*";

        public override object? ToValue(string text) => text.Split(',');

        public override string ToUrl(object? value) => string.Join(',', (string[])value!);
    }

    private sealed class EvenConverter : Converter
    {
        public override string Regex => "[0-9]+";

        public override object? ToValue(string text) => int.Parse(text) % 2 == 0 ? int.Parse(text) : throw new ValidationException();
    }
}
