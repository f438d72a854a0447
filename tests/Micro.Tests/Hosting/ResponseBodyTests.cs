using System.Text.Json;
using Micro.Testing;
using static Micro.Responses;

namespace Micro.Tests.Hosting;

/// <summary>Bodies that fail when they are produced go through the error handlers and after-request hooks, whatever their kind.</summary>
public sealed class ResponseBodyTests
{
    public static TheoryData<string> FailingBodies() => ["nan", "infinity", "cycle", "json-cycle", "template", "chunks", "stream", "file"];

    [Theory]
    [MemberData(nameof(FailingBodies))]
    public async Task A_body_that_fails_late_is_a_500_through_the_500_handler_and_the_after_hooks(string kind)
    {
        using var folder = new Support.TempFolder();
        folder.Write("templates/broken.html", "{{ missing_filter | nope }}");
        var app = Support.TestApps.Create(contentRoot: folder.Path);
        app.ErrorHandler(500, (HttpException e) => ($"500 handler: {e.InnerException?.GetType().Name}", 500));
        app.AfterRequest((Response response) => { response.Headers["X-After"] = "ran"; });
        app.Get("/body", () => kind switch
        {
            "nan" => (object)new { value = double.NaN },
            "infinity" => new[] { double.PositiveInfinity },
            "cycle" => Cycle(),
            "json-cycle" => Json(Cycle()),
            "template" => app.Render("broken.html"),
            "chunks" => FailingChunks(),
            "stream" => new FailingStream(),
            _ => SendFile("no/such/file.txt"),
        });
        await using var client = app.TestClient();

        var page = await client.Get("/body");
        Assert.Equal(500, page.StatusCode);
        Assert.StartsWith("500 handler: ", page.Text, StringComparison.Ordinal);
        Assert.Equal("ran", page.Header("X-After"));
    }

    [Fact]
    public async Task NaN_is_refused_with_the_serializer_message_on_the_development_page()
    {
        var app = Support.TestApps.Create("Development");
        app.Get("/nan", () => new { value = double.NaN });
        await using var client = app.TestClient();

        var page = await client.Get("/nan");
        Assert.Equal(500, page.StatusCode);

        // Micro's page (through the error handling), not the platform's developer exception page.
        Assert.Contains("<title>500 Internal Server Error</title>", page.Text, StringComparison.Ordinal);
        Assert.Contains("cannot be written as valid JSON", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_goes_out_with_its_length_and_head_gets_the_length_without_the_body()
    {
        var app = MicroApp.Create();
        app.Get("/json", () => new { message = "Hello, World!" });
        await using var client = app.TestClient();

        var page = await client.Get("/json");
        Assert.Equal("""{"message":"Hello, World!"}""", page.Text);
        Assert.Equal("application/json; charset=utf-8", page.ContentType);
        Assert.Equal("27", page.Header("Content-Length"));
        var head = await client.Send(HttpMethod.Head, "/json");
        Assert.Empty(head.Body);
        Assert.Equal("27", head.Header("Content-Length"));
    }

    [Fact]
    public async Task An_after_hook_that_replaces_a_json_body_sends_the_new_one()
    {
        var app = MicroApp.Create();
        app.AfterRequest((Response response) => { response.Body = new { replaced = true }; });
        app.Get("/json", () => new { message = "first" });
        await using var client = app.TestClient();
        Assert.Equal("""{"replaced":true}""", (await client.Get("/json")).Text);
    }

    [Fact]
    public async Task Streams_and_chunks_still_stream_after_their_first_piece_was_read_early()
    {
        var app = MicroApp.Create();
        app.Get("/chunks", () => Chunks());
        app.Get("/stream", () => new MemoryStream("0123456789"u8.ToArray()));
        await using var client = app.TestClient();
        Assert.Equal("a,b,c", (await client.Get("/chunks")).Text);
        var stream = await client.Get("/stream");
        Assert.Equal("0123456789", stream.Text);
        Assert.Equal("application/octet-stream", stream.ContentType);
    }

    [Fact]
    public async Task A_redirect_body_is_werkzeugs_page_for_routing_and_for_Redirect_alike()
    {
        var app = MicroApp.Create();
        app.Get("/dir/", () => "dir");
        app.Get("/go", () => Redirect("/dir/"));
        await using var client = app.TestClient();
        var routing = await client.Get("/dir");
        var handler = await client.Get("/go");
        Assert.Equal(308, routing.StatusCode);
        Assert.Equal(302, handler.StatusCode);
        Assert.Equal(routing.Text.Replace("http://localhost/dir/", "/dir/", StringComparison.Ordinal), handler.Text);
        Assert.Contains("<a href=\"/dir/\">/dir/</a>", handler.Text, StringComparison.Ordinal);
    }

    public static TheoryData<int> OptionsCases() => [0, 1];

    [Theory]
    [MemberData(nameof(OptionsCases))]
    public async Task Options_answers_as_werkzeug_does(int index)
    {
        var golden = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Hosting", "Golden", "options.json"))).RootElement.GetProperty("answers")[index];
        var app = MicroApp.Create();
        app.Post("/f", () => "x");
        app.Get("/g", () => "x");
        await using var client = app.TestClient();

        var answer = await client.Send(HttpMethod.Options, golden.GetProperty("path").GetString()!);
        Assert.Equal(golden.GetProperty("status").GetInt32(), answer.StatusCode);
        Assert.Equal(golden.GetProperty("content_type").GetString(), answer.ContentType);
        Assert.Equal(golden.GetProperty("allow").GetString(), answer.Header("Allow"));
        Assert.Equal(golden.GetProperty("content_length").GetString(), answer.Header("Content-Length"));
        Assert.Equal(golden.GetProperty("body").GetString(), answer.Text);
    }

    private static Node Cycle()
    {
        var node = new Node();
        node.Next = node;
        return node;
    }

    private static async IAsyncEnumerable<string> Chunks()
    {
        foreach (var chunk in (string[])["a", ",b", ",c"])
        {
            await Task.Yield();
            yield return chunk;
        }
    }

    private static async IAsyncEnumerable<string> FailingChunks()
    {
        await Task.Yield();
        throw new InvalidOperationException("the generator failed");
#pragma warning disable CS0162 // an iterator needs a yield
        yield break;
#pragma warning restore CS0162
    }

    public sealed class Node
    {
        public Node? Next { get; set; }
    }

    private sealed class FailingStream : MemoryStream
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            throw new IOException("the disk went away");

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            throw new IOException("the disk went away");
    }
}
