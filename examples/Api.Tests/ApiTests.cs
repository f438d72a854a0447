using System.Text.Json.Nodes;
using Micro.Testing;

namespace Api.Tests;

public class ApiTests
{
    [Fact]
    public async Task The_api_answers_and_validates_its_ids()
    {
        await using var client = TestClient.For<Program>();
        Assert.Equal("""{"id":1,"title":"Dune","year":1965}""", (await client.Get("/books/1")).Text);
        Assert.Equal(404, (await client.Get("/books/0")).StatusCode);
        var added = await client.PostJson("/books", new { id = 0, title = "Solaris", year = 1961 });
        Assert.True(added.StatusCode == 201, added.Text);
        Assert.Equal("Solaris", (await client.Get("/books/sorted/year")).Json<JsonArray>()![0]!["title"]!.GetValue<string>());
        Assert.Equal("Healthy", (await client.Get("/healthz")).Text);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_rules()
    {
        await using var client = TestClient.For<Program>();
        var document = JsonNode.Parse((await client.Get("/openapi/v1.json")).Text)!;
        var paths = document["paths"]!.AsObject();
        Assert.Equal(["/books", "/books/sorted/{field}", "/books/{id}"], paths.Select(path => path.Key).Order(StringComparer.Ordinal));

        var book = paths["/books/{id}"]!["get"]!;
        Assert.Equal("book", (string?)book["operationId"]);
        var id = book["parameters"]![0]!["schema"]!;
        Assert.Equal(("integer", "int32", 1), ((string?)id["type"], (string?)id["format"], (int?)id["minimum"]));
        Assert.Equal(["200", "404"], book["responses"]!.AsObject().Select(response => response.Key).Order(StringComparer.Ordinal));

        var field = paths["/books/sorted/{field}"]!["get"]!["parameters"]![0]!["schema"]!["enum"]!;
        Assert.Equal(["title", "year"], field.AsArray().Select(value => (string?)value));
        Assert.NotNull(paths["/books"]!["post"]!["requestBody"]);
    }

    [Fact]
    public async Task The_interactive_reference_is_served()
    {
        await using var client = TestClient.For<Program>();
        var page = await client.Get("/scalar", followRedirects: true);
        Assert.Equal(200, page.StatusCode);
        Assert.StartsWith("text/html", page.ContentType, StringComparison.Ordinal);
        Assert.Contains("\"url\":\"openapi/v1.json\"", page.Text, StringComparison.Ordinal);

        // The reference's script is served by the app itself, not fetched from a CDN.
        var script = await client.Get("/scalar/scalar.js");
        Assert.Equal(200, script.StatusCode);
        Assert.Contains("javascript", script.ContentType, StringComparison.Ordinal);
    }
}
