using System.Text.Json;
using Micro.Testing;
using Micro.Tests.Support;
using static Micro.Responses;

namespace Micro.Tests.Files;

/// <summary>
/// Conditional and range requests against send_file and the static route, compared with what Flask/Werkzeug answered
/// (Golden/preconditions.json, written by tools/goldens/http_goldens.py). Header values name the response's own
/// validators, so Micro's ETag and Last-Modified are substituted here.
/// </summary>
public sealed class PreconditionGoldenTests : IDisposable
{
    private static readonly JsonElement Golden = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Files", "Golden", "preconditions.json"))).RootElement.Clone();

    private readonly TempFolder _root = new();

    public PreconditionGoldenTests()
    {
        var body = Golden.GetProperty("body").GetString()!;
        foreach (var relative in new[] { "static/digits.txt", "files/digits.txt" })
        {
            var path = _root.Write(relative, body);
            File.SetLastWriteTimeUtc(path, DateTime.UnixEpoch.AddSeconds(1_700_000_000));
        }
    }

    public void Dispose() => _root.Dispose();

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var route in Golden.GetProperty("routes").EnumerateArray())
        {
            foreach (var probe in route.GetProperty("cases").EnumerateArray())
            {
                data.Add(route.GetProperty("route").GetString()!, probe.GetProperty("name").GetString()!);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Conditional_and_range_requests_answer_as_werkzeug_or_the_rfc(string route, string name)
    {
        var probe = Golden.GetProperty("routes").EnumerateArray().Single(r => r.GetProperty("route").GetString() == route)
            .GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
        var expected = probe.TryGetProperty("micro", out var deviation) ? deviation : probe;
        var app = TestApps.Create(contentRoot: _root.Path);
        app.Get("/file", () => SendFile("files/digits.txt"));
        await using var client = app.TestClient();
        var url = route == "static" ? "/static/digits.txt" : "/file";
        var first = await client.Get(url);
        var values = new Dictionary<string, string>
        {
            ["{etag}"] = first.Header("ETag")!,
            ["{last_modified}"] = first.Header("Last-Modified")!,
            ["{older}"] = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000 - 86_400).ToString("R"),
            ["{newer}"] = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000 + 86_400).ToString("R"),
        };
        var headers = probe.GetProperty("headers").EnumerateObject()
            .Select(header => new KeyValuePair<string, string>(header.Name, values.Aggregate(header.Value.GetString()!, (text, value) => text.Replace(value.Key, value.Value, StringComparison.Ordinal))))
            .ToList();

        var response = await client.Send(HttpMethod.Get, url, headers: headers);

        Assert.Equal(expected.GetProperty("status").GetInt32(), response.StatusCode);
        Assert.Equal(expected.GetProperty("content_range").GetString(), response.Header("Content-Range"));
        if (expected.GetProperty("body").GetString() is { } body)
        {
            Assert.Equal(body, response.Text);
        }
    }
}
