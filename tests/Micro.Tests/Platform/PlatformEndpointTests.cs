using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Micro.Testing;
using Micro.Tests.Support;

namespace Micro.Tests.Platform;

/// <summary>Endpoints mapped on the WebApplication work beside Micro's rules, in one pipeline, in Werkzeug's order.</summary>
public class PlatformEndpointTests
{
    private static readonly KeyValuePair<string, string>[] AsAda = [new("X-User", "ada")];

    [Fact]
    public async Task The_issue_example_answers_every_endpoint()
    {
        var (app, web) = PlatformApps.Create(app =>
        {
            app.Services.AddOpenApi();
            app.Services.AddHealthChecks();
        });
        app.Get("/users/<int:id>", (int id) => new { id }, endpoint: "user");
        web.MapHealthChecks("/healthz");
        web.MapGet("/platform", () => "platform");
        web.MapOpenApi();

        await using var client = app.TestClient();
        Assert.Equal("""{"id":5}""", (await client.Get("/users/5")).Text);
        Assert.Equal("Healthy", (await client.Get("/healthz")).Text);
        Assert.Equal("platform", (await client.Get("/platform")).Text);
        var document = await client.Get("/openapi/v1.json");
        Assert.Equal(200, document.StatusCode);
        Assert.Contains("\"/users/{id}\"", document.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Platform_endpoints_mapped_before_Micros_rules_work_and_so_do_the_rules()
    {
        var (app, web) = PlatformApps.Create();
        web.MapGet("/before", () => "platform before");
        var group = web.MapGroup("/api");
        group.MapGet("/items/{id:int}", (int id) => Results.Ok(new { id }));
        group.MapPost("/items", () => Results.Created("/api/items/1", null));

        // Registered after the WebApplication was built and mapped: still before the app starts.
        app.Get("/after/<name>", (string name) => "micro " + name);

        await using var client = app.TestClient();
        Assert.Equal("platform before", (await client.Get("/before")).Text);
        Assert.Equal("""{"id":7}""", (await client.Get("/api/items/7")).Text);
        Assert.Equal(201, (await client.Post("/api/items")).StatusCode);
        Assert.Equal("micro x", (await client.Get("/after/x")).Text);
    }

    [Fact]
    public async Task Micros_rules_come_first_with_Werkzeugs_answers()
    {
        var (app, web) = PlatformApps.Create();
        app.Get("/shared", () => "micro", endpoint: "shared");
        app.Get("/dir/", () => "micro dir", endpoint: "dir");

        // The same paths on the platform: Micro's 405, 308 and OPTIONS are answered before the platform's matcher runs.
        web.MapPost("/shared", () => "platform post");
        web.MapGet("/dir", () => "platform dir");
        web.MapMethods("/shared", ["OPTIONS"], () => "platform options");

        await using var client = app.TestClient();
        Assert.Equal("micro", (await client.Get("/shared")).Text);
        var post = await client.Post("/shared");
        Assert.Equal(405, post.StatusCode);
        Assert.Equal("GET, HEAD, OPTIONS", post.Header("Allow"));
        var redirect = await client.Get("/dir");
        Assert.Equal(308, redirect.StatusCode);
        Assert.Equal("http://localhost/dir/", redirect.Location);
        var options = await client.Send(HttpMethod.Options, "/shared");
        Assert.Equal(200, options.StatusCode);
        Assert.Equal("GET, HEAD, OPTIONS", options.Header("Allow"));
        Assert.Equal("", options.Text);
    }

    [Fact]
    public async Task What_nothing_matches_is_Micros_404_through_the_apps_error_handler()
    {
        var (app, web) = PlatformApps.Create();
        app.ErrorHandler(404, (HttpException error) => ("Micro's own 404 page", 404));
        web.MapGet("/platform", () => "platform");

        await using var client = app.TestClient();
        var missing = await client.Get("/nowhere");
        Assert.Equal(404, missing.StatusCode);
        Assert.Equal("Micro's own 404 page", missing.Text);
        Assert.Equal("platform", (await client.Get("/platform")).Text);
    }

    [Fact]
    public async Task Configure_middleware_sees_the_chosen_endpoint_of_either_kind()
    {
        var (app, web) = PlatformApps.Create(app => app.Configure(pipeline => pipeline.Use((context, next) =>
        {
            context.Response.Headers["X-Endpoint"] = context.GetEndpoint()?.DisplayName ?? "none";
            return next(context);
        })));
        app.Get("/micro", () => "micro", endpoint: "micro");
        web.MapGet("/platform", () => "platform").WithDisplayName("platform endpoint");

        await using var client = app.TestClient();
        Assert.Equal("micro (GET, HEAD, OPTIONS /micro)", (await client.Get("/micro")).Header("X-Endpoint"));
        Assert.Equal("platform endpoint", (await client.Get("/platform")).Header("X-Endpoint"));

        // Nothing matched yet when the middleware runs: Micro's 404 is chosen after it, at the end of the pipeline.
        Assert.Equal("none", (await client.Get("/nowhere")).Header("X-Endpoint"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Authorization_applies_to_Micros_rules_and_platform_endpoints(bool explicitMiddleware)
    {
        var (app, web) = PlatformApps.Create(app =>
        {
            app.Services.AddAuthentication(HeaderAuthentication.Name).AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, HeaderAuthentication>(HeaderAuthentication.Name, null);
            app.Services.AddAuthorization();
            if (explicitMiddleware)
            {
                // Otherwise the WebApplication adds both after its UseRouting by itself.
                app.Configure(pipeline =>
                {
                    pipeline.UseAuthentication();
                    pipeline.UseAuthorization();
                });
            }
        });
        app.Get("/micro/secret", (HttpContext context) => "micro for " + context.User.Identity!.Name, endpoint: "secret").RequireAuthorization();
        app.Get("/micro/open", () => "open", endpoint: "open");
        web.MapGet("/platform/secret", (HttpContext context) => "platform for " + context.User.Identity!.Name).RequireAuthorization();

        await using var client = app.TestClient();
        Assert.Equal(401, (await client.Get("/micro/secret")).StatusCode);
        Assert.Equal(401, (await client.Get("/platform/secret")).StatusCode);
        Assert.Equal("open", (await client.Get("/micro/open")).Text);
        Assert.Equal("micro for ada", (await client.Send(HttpMethod.Get, "/micro/secret", headers: AsAda)).Text);
        Assert.Equal("platform for ada", (await client.Send(HttpMethod.Get, "/platform/secret", headers: AsAda)).Text);
    }

    [Fact]
    public async Task Rate_limiting_applies_to_Micros_rules_and_platform_endpoints()
    {
        var (app, web) = PlatformApps.Create(app =>
        {
            app.Services.AddRateLimiter(options =>
            {
                options.RejectionStatusCode = 429;
                // One permit an hour; a policy is one partition, so each endpoint gets its own.
                foreach (var policy in (string[])["micro", "platform"])
                {
                    options.AddFixedWindowLimiter(policy, limiter =>
                    {
                        limiter.PermitLimit = 1;
                        limiter.Window = TimeSpan.FromHours(1);
                        limiter.QueueLimit = 0;
                    });
                }
            });
            app.Configure(pipeline => pipeline.UseRateLimiter());
        });
        app.Get("/micro", () => "micro", endpoint: "micro").RequireRateLimiting("micro");
        app.Get("/micro/free", () => "free", endpoint: "free");
        web.MapGet("/platform", () => "platform").RequireRateLimiting("platform");

        await using var client = app.TestClient();
        Assert.Equal(200, (await client.Get("/micro")).StatusCode);
        Assert.Equal(429, (await client.Get("/micro")).StatusCode);
        Assert.Equal(200, (await client.Get("/platform")).StatusCode);
        Assert.Equal(429, (await client.Get("/platform")).StatusCode);
        Assert.Equal(200, (await client.Get("/micro/free")).StatusCode);
        Assert.Equal(200, (await client.Get("/micro/free")).StatusCode);
    }

    [Fact]
    public async Task Static_files_middleware_in_Configure_serves_what_no_endpoint_matched()
    {
        using var root = new TempFolder();
        root.Write("wwwroot/robots.txt", "User-agent: *");
        root.Write("wwwroot/page", "the file");
        var (app, _) = PlatformApps.Create(app => app.Configure(pipeline => pipeline.UseStaticFiles()), contentRoot: root.Path);
        app.Get("/page", () => "the rule", endpoint: "page");

        await using var client = app.TestClient();
        var robots = await client.Get("/robots.txt");
        Assert.Equal(200, robots.StatusCode);
        Assert.Equal("User-agent: *", robots.Text);
        Assert.Equal("the rule", (await client.Get("/page")).Text);
        Assert.Equal(404, (await client.Get("/missing.txt")).StatusCode);
    }

    [Fact]
    public async Task The_platforms_matcher_runs_once_and_only_when_Micro_chose_nothing()
    {
        var (app, web) = PlatformApps.Create();
        app.Get("/micro", () => "micro", endpoint: "micro");
        web.MapGet("/platform", () => "platform");
        var factory = web.Services.GetRequiredService<IMeterFactory>();
        var attempts = new List<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == factory && instrument.Name == "aspnetcore.routing.match_attempts")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "aspnetcore.routing.match_status")
                {
                    lock (attempts)
                    {
                        attempts.Add((string)tag.Value!);
                    }
                }
            }
        });
        listener.Start();

        await using var client = app.TestClient();
        await client.Get("/micro");
        Assert.Empty(attempts);
        await client.Get("/platform");
        Assert.Equal(["success"], attempts);
        await client.Get("/nowhere");
        Assert.Equal(["success", "failure"], attempts);
    }

    [Fact]
    public async Task Development_hosting_keeps_the_order()
    {
        var (app, web) = PlatformApps.Create(environment: "Development");
        app.Get("/micro", () => "micro", endpoint: "micro");
        web.MapGet("/platform", () => "platform");

        await using var client = app.TestClient();
        Assert.Equal("micro", (await client.Get("/micro")).Text);
        Assert.Equal("platform", (await client.Get("/platform")).Text);
        Assert.Equal(404, (await client.Get("/nowhere")).StatusCode);
    }
}
