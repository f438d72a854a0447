using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Micro.Tests.Support;
using static Micro.Responses;

namespace Micro.Tests.Routing;

/// <summary>
/// One path: for every form of request target Kestrel accepts, the path Micro routes on is the path Werkzeug routes
/// on, and the same value is <c>HttpContext.Request.Path</c> for middleware added with <c>app.Configure</c>,
/// <see cref="Request.Path"/> for before-request hooks and for the handler. The expected values come from a Flask
/// app on Werkzeug's own server fed the same raw request lines (tools/goldens/path_goldens.py → Golden/paths.json).
/// Requests go to a real Kestrel over a socket: the test server does not parse request targets as Kestrel does.
/// </summary>
public sealed class PathTruthTests
{
    private static readonly JsonDocument Golden = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Routing", "Golden", "paths.json")));

    [Fact]
    public async Task Every_target_form_gives_routing_middleware_hooks_and_handler_werkzeugs_path()
    {
        var app = TestApps.Create();
        app.Configure(pipeline => pipeline.Use(async (context, next) =>
        {
            context.Items["middleware"] = Seen(context.Request.Path.Value, context.Request.Method, context.Request.QueryString.Value);
            context.Response.OnStarting(() =>
            {
                foreach (var observer in (string[])["middleware", "hook", "handler", "handler-platform", "p"])
                {
                    if (context.Items[observer] is string seen)
                    {
                        context.Response.Headers["X-Seen-" + observer] = seen;
                    }
                }

                return Task.CompletedTask;
            });
            await next(context);
        }));
        app.BeforeRequest((Request request) =>
        {
            request.HttpContext.Items["hook"] = Seen(request.Path, request.Method, request.HttpContext.Request.QueryString.Value);
            return (IResult?)null;
        });
        app.Get("/", (Request request) => Handled(request, null, "root"));
        app.Route("/<path:p>", (string p, Request request) => Handled(request, p, "echo"), ["GET", "OPTIONS"]);

        var failures = new StringBuilder();
        await using (var server = await LoopbackServer.StartAsync(app))
        {
            foreach (var probe in Probes("echo"))
            {
                var response = await server.SendAsync(probe.RequestLine);
                probe.CheckStatus(failures, response);
                var expected = Seen(probe.Path, probe.Method, probe.Query);
                probe.Check(failures, "middleware (HttpContext.Request.Path, Method, QueryString)", expected, response.Header("X-Seen-middleware"));
                probe.Check(failures, "before-request hook (Request.Path, Method)", expected, response.Header("X-Seen-hook"));
                if (probe.ViewRuns)
                {
                    probe.Check(failures, "handler (Request.Path, Method)", expected, response.Header("X-Seen-handler"));
                    probe.Check(failures, "handler (HttpContext.Request.Path)", expected, response.Header("X-Seen-handler-platform"));
                    probe.Check(failures, "path converter value", probe.P is null ? null : Uri.EscapeDataString(probe.P), response.Header("X-Seen-p"));
                }
            }
        }

        Assert.True(failures.Length == 0, failures.ToString());
    }

    [Fact]
    public async Task A_flask_style_guard_on_request_path_answers_as_in_flask()
    {
        var failures = new StringBuilder();
        await using (var server = await LoopbackServer.StartAsync(GuardApp()))
        {
            foreach (var probe in Probes("guard"))
            {
                var response = await server.SendAsync(probe.RequestLine);
                probe.CheckStatus(failures, response);
                probe.Check(failures, "path the guard read", Seen(probe.Path, probe.Method, probe.Query), response.Header("X-Seen-hook"));
            }
        }

        Assert.True(failures.Length == 0, failures.ToString());
    }

    [Theory]
    [InlineData("GET /admin/..")]
    [InlineData("GET /admin/%2e%2e")]
    [InlineData("GET /admin/.%2e")]
    [InlineData("GET /admin/../view")]
    [InlineData("GET /admin%2Fx")]
    [InlineData("GET /%2Fadmin/x")]
    [InlineData("GET //admin/x")]
    [InlineData("GET http://localhost/admin/../view")]
    [InlineData("GET http://localhost/admin/%2e%2e")]
    public async Task A_guard_on_the_admin_prefix_cannot_be_passed_with_dot_segments_or_encoded_slashes(string requestLine)
    {
        await using var server = await LoopbackServer.StartAsync(GuardApp());

        var response = await server.SendAsync(requestLine);

        Assert.Equal(403, response.StatusCode);
        Assert.DoesNotContain("admin page", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_method_in_lower_case_is_upper_case_for_routing_hooks_and_handlers_and_head_still_answers()
    {
        var app = TestApps.Create();
        app.BeforeRequest((Request request) =>
        {
            request.HttpContext.Response.Headers["X-Hook-Method"] = request.Method;
            return (IResult?)null;
        });
        app.Get("/a", (Request request) => $"method {request.Method} {request.HttpContext.Request.Method}");
        await using var server = await LoopbackServer.StartAsync(app);

        var get = await server.SendAsync("get /a");
        var head = await server.SendAsync("head /a");
        var realHead = await server.SendAsync("HEAD /a");

        Assert.Equal((200, "method GET GET", "GET"), (get.StatusCode, get.Body, get.Header("X-Hook-Method")));

        // "head" is not HEAD to the server, which sends whatever body there is: the app's HEAD answer has none.
        Assert.Equal((200, "", "HEAD"), (head.StatusCode, head.Body, head.Header("X-Hook-Method")));
        Assert.Equal((200, "", "16"), (realHead.StatusCode, realHead.Body, realHead.Header("Content-Length")));
    }

    [Theory]
    [InlineData("GET /app/admin/..", 403, "/app/admin/..", "/app", "/admin/..")]
    [InlineData("GET /app/admin/%2e%2e", 403, "/app/admin/..", "/app", "/admin/..")]
    [InlineData("GET /app/admin%2Fx", 403, "/app/admin/x", "/app", "/admin/x")]
    [InlineData("GET /app//admin/x", 403, "/app/admin/x", "/app", "/admin/x")]
    [InlineData("GET http://localhost/app/admin/../view", 403, "/app/admin/../view", "/app", "/admin/../view")]
    [InlineData("GET /app/view", 200, "/app/view", "/app", "/view")]
    [InlineData("GET /APP/view", 200, "/APP/view", "/APP", "/view")]
    [InlineData("GET /app/view%2F..", 404, "/app/view/..", "/app", "/view/..")]
    [InlineData("GET /app/dir?", 308, "/app/dir", "/app", "/dir")]
    [InlineData("GET /app", 308, "/app", "/app", "")] // Werkzeug: SCRIPT_NAME=/app, PATH_INFO='' → 308 to /app/
    [InlineData("GET /x/../app/view", 404, "/app/x/../app/view", "/app", "/x/../app/view")]
    public async Task Under_a_path_base_the_base_and_the_path_split_the_decoded_target(string requestLine, int status, string path, string pathBase, string rest)
    {
        // A path base set before Micro's pipeline (here UsePathBase in an outer startup filter, as a host might): the
        // decoded target keeps it as the base when it starts with it, as a WSGI server splits SCRIPT_NAME from PATH_INFO.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Services.AddSingleton<IStartupFilter>(new PathBaseFilter("/app"));
        var app = MicroApp.Create(builder);
        app.BeforeRequest((Request request) =>
        {
            var http = request.HttpContext.Request;
            request.HttpContext.Response.Headers["X-Seen-hook"] = Uri.EscapeDataString($"{request.Path}|{http.PathBase.Value}|{http.Path.Value}");
            return request.Path.StartsWith("/app/admin", StringComparison.Ordinal) ? Abort(403) : null;
        });
        app.Get("/", () => "root");
        app.Get("/admin/<section>", (string section) => "admin page " + section);
        app.Get("/view", () => "view");
        app.Get("/dir/", () => "dir");
        await using var server = await LoopbackServer.StartAsync(app);

        var response = await server.SendAsync(requestLine);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal($"{path}|{pathBase}|{rest}", Uri.UnescapeDataString(response.Header("X-Seen-hook")!));
        if (status == 308)
        {
            Assert.Equal($"http://localhost{pathBase}{rest}/", response.Header("Location"));
        }
    }

    private sealed class PathBaseFilter(string pathBase) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => pipeline =>
        {
            pipeline.UsePathBase(pathBase);
            next(pipeline);
        };
    }

    private static MicroApp GuardApp()
    {
        var app = TestApps.Create();
        app.BeforeRequest((Request request) =>
        {
            request.HttpContext.Response.Headers["X-Seen-hook"] = Seen(request.Path, request.Method, request.HttpContext.Request.QueryString.Value);
            return request.Path.StartsWith("/admin", StringComparison.Ordinal) ? Abort(403) : null;
        });
        app.Get("/", () => "root");
        app.Get("/admin/<section>", (string section) => "admin page " + section);
        app.Get("/view", () => "view");
        app.Get("/dir/", () => "dir");
        return app;
    }

    private static string Handled(Request request, string? p, string body)
    {
        var context = request.HttpContext;
        context.Items["handler"] = Seen(request.Path, request.Method, context.Request.QueryString.Value);
        context.Items["handler-platform"] = Seen(context.Request.Path.Value, context.Request.Method, context.Request.QueryString.Value);
        if (p is not null)
        {
            context.Items["p"] = Uri.EscapeDataString(p);
        }

        return body;
    }

    // Path, method and query (without its '?') in one header-safe value.
    private static string Seen(string? path, string method, string? query) =>
        Uri.EscapeDataString($"{path}\n{method}\n{(query is { Length: > 0 } ? query.TrimStart('?') : "")}");

    private static IEnumerable<Probe> Probes(string suite) =>
        Golden.RootElement.GetProperty("suites").EnumerateArray()
            .Single(s => s.GetProperty("name").GetString() == suite)
            .GetProperty("requests").EnumerateArray().Select(request => new Probe(request));

    /// <summary>One request of the golden table; <c>micro</c>, when present, is a documented deviation.</summary>
    private sealed class Probe(JsonElement request)
    {
        private readonly JsonElement _expected = request.TryGetProperty("micro", out var micro) ? micro : request;

        public string RequestLine { get; } = $"{request.GetProperty("method").GetString()} {request.GetProperty("target").GetString()}";

        public string? Path { get; } = request.GetProperty("path").GetString();

        public string Method { get; } = request.GetProperty("request_method").GetString()!;

        public string? Query { get; } = request.GetProperty("query").GetString();

        public string? P { get; } = request.GetProperty("p").GetString();

        public bool ViewRuns => _expected.GetProperty("view").GetBoolean();

        public void CheckStatus(StringBuilder failures, RawResponse response)
        {
            Check(failures, "status", _expected.GetProperty("status").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Check(failures, "Location", _expected.GetProperty("location").GetString(), response.Header("Location"));
            if (_expected.TryGetProperty("allow", out var allow) && allow.ValueKind == JsonValueKind.Array)
            {
                var actual = (response.Header("Allow") ?? "").Split(", ", StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal);
                Check(failures, "Allow", string.Join(", ", allow.EnumerateArray().Select(a => a.GetString())), string.Join(", ", actual));
            }
        }

        public void Check(StringBuilder failures, string what, string? expected, string? actual)
        {
            if (!string.Equals(expected, actual, StringComparison.Ordinal))
            {
                failures.AppendLine($"{RequestLine}: {what}: expected {Show(expected)}, got {Show(actual)}");
            }
        }

        private static string Show(string? value) => value is null ? "(none)" : $"'{Uri.UnescapeDataString(value).Replace("\n", " | ", StringComparison.Ordinal)}'";
    }
}
