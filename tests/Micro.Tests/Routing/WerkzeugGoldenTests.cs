using System.Text;
using System.Text.Json;
using Micro.Routing;
using Micro.Testing;

namespace Micro.Tests.Routing;

/// <summary>
/// Replays the tables recorded from Werkzeug 3.1 / Flask 3.1 (tools/goldens/routing_goldens.py) against Micro:
/// same rules, same requests, same status, endpoint, converted arguments, Location and Allow; same url_for results.
/// </summary>
public class WerkzeugGoldenTests
{
    private static readonly JsonDocument Golden = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Routing", "Golden", "routing.json")));

    public static TheoryData<string> Suites()
    {
        var data = new TheoryData<string>();
        foreach (var suite in Golden.RootElement.GetProperty("suites").EnumerateArray())
        {
            data.Add(suite.GetProperty("name").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Suites))]
    public async Task Micro_routes_like_werkzeug(string name)
    {
        var suite = Golden.RootElement.GetProperty("suites").EnumerateArray().Single(s => s.GetProperty("name").GetString() == name);
        // The goldens come from Flask without Flask-WTF: no CSRF token on their POSTs.
        var app = MicroApp.Create(["--Csrf:Enabled=false"]);
        foreach (var rule in suite.GetProperty("rules").EnumerateArray())
        {
            var methods = rule.GetProperty("methods").ValueKind == JsonValueKind.Null ? null : rule.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!).ToArray();
            var strict = rule.GetProperty("strict_slashes").ValueKind != JsonValueKind.False;
            // Werkzeug's rule options, when the suite gives them: defaults (JSON values) and a redirect_to string.
            var defaults = rule.TryGetProperty("defaults", out var given) ? given.EnumerateObject().ToDictionary(p => p.Name, p => ToValue(p.Value)) : null;
            var redirectTo = rule.TryGetProperty("redirect_to", out var target) ? target.GetString() : null;
            app.Route(rule.GetProperty("rule").GetString()!, Describe, methods, rule.GetProperty("endpoint").GetString(), strict, defaults, redirectTo);
        }

        app.Post("/__build", Build, "__build");
        await using var client = app.TestClient();
        var failures = new StringBuilder();

        foreach (var request in suite.GetProperty("requests").EnumerateArray())
        {
            var expected = request.TryGetProperty("micro", out var micro) ? micro : request;
            var method = request.GetProperty("method").GetString()!;
            var query = request.GetProperty("query").GetString();
            var url = request.GetProperty("path").GetString() + (string.IsNullOrEmpty(query) ? "" : "?" + query);
            var response = await client.Send(new HttpMethod(method), url);
            var label = $"{method} {url}";

            Check(failures, label, "status", expected.GetProperty("status").GetInt32(), response.StatusCode);
            Check(failures, label, "Location", Nullable(expected, "location"), response.Location);
            var allow = expected.GetProperty("allow");
            if (allow.ValueKind == JsonValueKind.Array)
            {
                var actual = (response.Header("Allow") ?? "").Split(", ", StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal);
                Check(failures, label, "Allow", string.Join(", ", allow.EnumerateArray().Select(a => a.GetString())), string.Join(", ", actual));
            }

            if (response.StatusCode == 200 && method != "HEAD" && method != "OPTIONS" && Nullable(expected, "endpoint") is { } endpoint)
            {
                using var body = JsonDocument.Parse(response.Text);
                Check(failures, label, "endpoint", endpoint, body.RootElement.GetProperty("endpoint").GetString());
                foreach (var arg in expected.GetProperty("args").EnumerateObject())
                {
                    var actual = body.RootElement.GetProperty("args").TryGetProperty(arg.Name, out var value) ? value : default;
                    Check(failures, label, $"args.{arg.Name}", Normalize(arg.Value), Normalize(actual));
                }
            }
        }

        foreach (var build in suite.GetProperty("builds").EnumerateArray())
        {
            var label = $"url_for({build.GetProperty("endpoint").GetString()}, {build.GetProperty("values").GetRawText()})";
            var response = await client.PostJson("/__build", new { endpoint = build.GetProperty("endpoint").GetString(), values = build.GetProperty("values") });
            var expected = Nullable(build, "url") ?? "error:" + build.GetProperty("error").GetString();
            Check(failures, label, "result", expected, response.Text);
        }

        Assert.True(failures.Length == 0, failures.ToString());
    }

    private static object Describe(Request request) =>
        new Dictionary<string, object?> { ["endpoint"] = request.Endpoint, ["args"] = request.ViewArgs };

    private static async Task<object> Build(Request request)
    {
        var input = await request.JsonAsync<JsonElement>();
        var values = new Dictionary<string, object?>();
        foreach (var property in input.GetProperty("values").EnumerateObject())
        {
            values[property.Name] = ToValue(property.Value);
        }

        try
        {
            return Responses.Text(request.UrlFor(input.GetProperty("endpoint").GetString()!, values));
        }
        catch (UrlBuildException)
        {
            return Responses.Text("error:BuildError");
        }
        catch (ArgumentException)
        {
            return Responses.Text("error:ValueError");
        }
    }

    private static object? ToValue(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var integer) ? (object)integer : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Array => element.EnumerateArray().Select(ToValue).ToList(),
        _ => null,
    };

    private static string? Nullable(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Normalize(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number => element.GetDouble().ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        JsonValueKind.String => "\"" + element.GetString() + "\"",
        JsonValueKind.Undefined => "(missing)",
        _ => element.GetRawText(),
    };

    private static void Check<T>(StringBuilder failures, string label, string what, T expected, T actual)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
        {
            failures.AppendLine($"{label}: {what} expected {expected?.ToString() ?? "null"}, got {actual?.ToString() ?? "null"}");
        }
    }
}
