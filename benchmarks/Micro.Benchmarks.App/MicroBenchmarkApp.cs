using Micro;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Micro.Benchmarks.App;

/// <summary>The Micro side of the benchmarks: three endpoints, the same as <c>Minimal.Benchmarks.App</c>.</summary>
public static class MicroBenchmarkApp
{
    /// <summary>Creates the app; <paramref name="configure"/> runs before the routes are added (e.g. to use TestHost).</summary>
    public static MicroApp Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var app = MicroApp.Create(args);
        app.Builder.Logging.SetMinimumLevel(LogLevel.Warning);
        configure?.Invoke(app.Builder);

        app.Get("/plaintext", () => Responses.Text("Hello, World!"));
        app.Get("/json", () => new { message = "Hello, World!" });
        app.Get("/users/<int:id>", (int id) => Responses.Text($"user {id}"));
        return app;
    }
}
