using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Minimal.Benchmarks.App;

/// <summary>The baseline: plain ASP.NET Core Minimal APIs with the same endpoints, bodies and content types as the Micro app.</summary>
public static class MinimalBenchmarkApp
{
    /// <summary>Creates the builder; <paramref name="configure"/> runs before it is built (e.g. to use TestHost).</summary>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        configure?.Invoke(builder);

        var app = builder.Build();
        // The idiomatic (and fastest) Minimal APIs forms: a string return is written as text/plain; charset=utf-8.
        app.MapGet("/plaintext", () => "Hello, World!");
        app.MapGet("/json", () => new { message = "Hello, World!" });
        app.MapGet("/users/{id:int}", (int id) => $"user {id}");
        // TechEmpower's Fortunes, hand-written HTML (rows from memory instead of a database).
        app.MapGet("/fortunes", () => Results.Content(Fortunes.Render(Fortunes.Load()), "text/html; charset=utf-8"));
        return app;
    }
}
