using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Micro.Testing;
using Micro.Tests.Platform;

namespace Micro.Tests.Routing;

/// <summary>A blueprint is an endpoint convention builder for all its routes, as a route group is in Minimal APIs.</summary>
public class BlueprintConventionTests
{
    private static readonly KeyValuePair<string, string>[] AsAda = [new("X-User", "ada")];

    [Fact]
    public async Task RequireAuthorization_on_a_blueprint_covers_routes_added_after_it_and_nested_blueprints()
    {
        var (app, _) = PlatformApps.Create(app =>
        {
            app.Services.AddAuthentication(HeaderAuthentication.Name).AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, HeaderAuthentication>(HeaderAuthentication.Name, null);
            app.Services.AddAuthorization();
            var admin = new Blueprint("admin", urlPrefix: "/admin");
            admin.RequireAuthorization();
            admin.Get("/", (HttpContext context) => "admin for " + context.User.Identity!.Name, endpoint: "index");
            var reports = new Blueprint("reports", urlPrefix: "/reports");
            reports.Get("/", () => "reports", endpoint: "index");
            admin.Register(reports);
            app.Register(admin);
            app.Get("/", () => "open", endpoint: "home");
        });
        await using var client = app.TestClient();

        Assert.Equal(401, (await client.Get("/admin/")).StatusCode);
        Assert.Equal(401, (await client.Get("/admin/reports/")).StatusCode);
        Assert.Equal("admin for ada", (await client.Send(HttpMethod.Get, "/admin/", headers: AsAda)).Text);
        Assert.Equal("open", (await client.Get("/")).Text);
    }

    [Fact]
    public async Task DisableCsrf_on_a_blueprint_is_endpoint_metadata_a_route_can_override()
    {
        var (app, web) = PlatformApps.Create(app =>
        {
            var api = new Blueprint("api", urlPrefix: "/api").DisableCsrf();
            api.Post("/ping", () => "pong", endpoint: "ping");
            api.Post("/form", (IFormCollection form) => "form " + form["a"], endpoint: "form");
            api.Post("/strict", () => "strict", endpoint: "strict").WithMetadata(new RequireAntiforgeryTokenAttribute());
            app.Register(api);
        });
        await using var client = app.TestClient();

        Assert.Equal("pong", (await client.Post("/api/ping")).Text);
        Assert.Equal("form 1", (await client.Post("/api/form", new FormUrlEncodedContent([new("a", "1")]))).Text);

        // The route's own convention comes after the blueprint's, and wins: its CSRF check is back.
        Assert.Equal(400, (await client.Post("/api/strict")).StatusCode);

        // The exemption is on the endpoints, where the platform and other tools can read it.
        var endpoints = web.Services.GetRequiredService<EndpointDataSource>().Endpoints;
        var ping = endpoints.Single(endpoint => endpoint.Metadata.GetMetadata<Micro.Routing.MicroEndpointMetadata>()?.Name == "api.ping");
        Assert.Contains(ping.Metadata.GetOrderedMetadata<IAntiforgeryMetadata>(), metadata => !metadata.RequiresValidation && metadata.GetType().Name != "CheckedByMicro");
    }
}
