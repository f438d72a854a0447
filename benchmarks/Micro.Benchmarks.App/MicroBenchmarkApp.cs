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

        // route-table.sh: --rules N adds N REST-shaped rules, to compare route tables.
        var at = Array.IndexOf(args, "--rules");
        AddRestRules(app, at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], System.Globalization.CultureInfo.InvariantCulture) : 0);

        return app;
    }

    /// <summary>Adds <paramref name="rules"/> REST-shaped rules, ten per resource <c>/res0</c> ... <c>/resK</c> (index, create, new, show, update, edit, comments, one comment, a path search, a name lookup).</summary>
    public static void AddRestRules(MicroApp app, int rules)
    {
        ArgumentNullException.ThrowIfNull(app);
        for (var r = 0; r < rules / 10; r++)
        {
            var p = $"/res{r}";
            app.Get(p + "/", () => Responses.Text("index"));
            app.Post(p + "/", () => Responses.Text("create"));
            app.Get(p + "/new", () => Responses.Text("new"));
            app.Get(p + "/<int:id>", (int id) => Responses.Text($"show {id}"));
            app.Post(p + "/<int:id>", (int id) => Responses.Text($"update {id}"));
            app.Get(p + "/<int:id>/edit", (int id) => Responses.Text($"edit {id}"));
            app.Get(p + "/<int:id>/comments", (int id) => Responses.Text($"comments {id}"));
            app.Get(p + "/<int:id>/comments/<int:cid>", (int id, int cid) => Responses.Text($"comment {id} {cid}"));
            app.Get(p + "/search/<path:q>", (string q) => Responses.Text($"search {q}"));
            app.Get(p + "/by-name/<name>", (string name) => Responses.Text($"name {name}"));
        }
    }
}
