using Benchmarks.Fortunes;
using Micro;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Micro.Benchmarks.App;

/// <summary>The Micro side of the benchmarks: the same endpoints as <c>Minimal.Benchmarks.App</c>, plus <c>/fortunes-cached</c>.</summary>
public static class MicroBenchmarkApp
{
    /// <summary>Creates the app; <paramref name="configure"/> runs before the routes are added (e.g. to use TestHost).</summary>
    public static MicroApp Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // Content root = the output folder, where templates/ is copied, whatever the working directory.
        var app = MicroApp.Create(WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory }), args);
        app.Builder.Logging.SetMinimumLevel(LogLevel.Warning);
        configure?.Invoke(app.Builder);

        app.Get("/plaintext", () => Responses.Text("Hello, World!"));
        app.Get("/json", () => new { message = "Hello, World!" });
        app.Get("/users/<int:id>", (int id) => Responses.Text($"user {id}"));
        // TechEmpower's Fortunes through a Jinja template (templates/fortunes.html), rendered on every request...
        app.Get("/fortunes", () => app.Render("fortunes.html", new { fortunes = FortuneRows.Load() }, outputCache: false));
        // ... and the same page with the output cache allowed: the rows are the same every time, so after the first
        // request each render is a cache hit (the handler still loads and sorts the rows, and the key is built from them).
        app.Get("/fortunes-cached", () => app.Render("fortunes.html", new { fortunes = FortuneRows.Load() }));
        // A reference with no target: the same page as a constant string (rendered on the first request), so nothing
        // is loaded, keyed or rendered per request: what sending the page costs, the ceiling for any output cache.
        string? page = null;
        app.Get("/fortunes-page", () => page ??= app.Templates.Render("fortunes.html", new { fortunes = FortuneRows.Load() }, outputCache: false));
        return app;
    }
}
