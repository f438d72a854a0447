using BenchmarkDotNet.Attributes;
using Micro.Benchmarks.App;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging;
using Minimal.Benchmarks.App;

namespace Micro.Benchmarks;

/// <summary>
/// Time and allocations per request through each app's whole ASP.NET Core pipeline, in process, on TestHost
/// (no sockets): Micro's benchmark app against its plain Minimal APIs twin, the baseline of each category.
/// TestHost's own per-request cost (HttpContext, features, the response body pipe) is in both figures alike.
/// </summary>
[Config(typeof(ShortConfig))]
public class RequestBenchmarks
{
    private WebApplication _micro = null!;
    private WebApplication _minimal = null!;
    private WebApplication _floor = null!;
    private TestServer _microServer = null!;
    private TestServer _minimalServer = null!;
    private TestServer _floorServer = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _micro = MicroBenchmarkApp.Create([], builder => builder.WebHost.UseTestServer()).Build();
        _minimal = MinimalBenchmarkApp.Create([], builder => builder.WebHost.UseTestServer());
        _floor = CreateFloor();
        await _micro.StartAsync().ConfigureAwait(false);
        await _minimal.StartAsync().ConfigureAwait(false);
        await _floor.StartAsync().ConfigureAwait(false);
        _microServer = _micro.GetTestServer();
        _minimalServer = _minimal.GetTestServer();
        _floorServer = _floor.GetTestServer();

        // Both apps must give the same answers, or the comparison means nothing.
        var fortunes = Minimal.Benchmarks.App.Fortunes.Render(Minimal.Benchmarks.App.Fortunes.Load());
        await TestHostRequests.ExpectAsync("floor", _floorServer, "/plaintext", "Hello, World!", "text/plain; charset=utf-8").ConfigureAwait(false);
        foreach (var (name, server) in new[] { ("Micro", _microServer), ("Minimal", _minimalServer) })
        {
            await TestHostRequests.ExpectAsync(name, server, "/plaintext", "Hello, World!", "text/plain; charset=utf-8").ConfigureAwait(false);
            await TestHostRequests.ExpectAsync(name, server, "/json", """{"message":"Hello, World!"}""", "application/json; charset=utf-8").ConfigureAwait(false);
            await TestHostRequests.ExpectAsync(name, server, "/users/42", "user 42", "text/plain; charset=utf-8").ConfigureAwait(false);
            await TestHostRequests.ExpectAsync(name, server, "/fortunes", fortunes, "text/html; charset=utf-8").ConfigureAwait(false);
        }

        await TestHostRequests.ExpectAsync("Micro", _microServer, "/fortunes-cached", fortunes, "text/html; charset=utf-8").ConfigureAwait(false);
        await TestHostRequests.ExpectAsync("Micro", _microServer, "/fortunes-cached", fortunes, "text/html; charset=utf-8").ConfigureAwait(false);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _micro.DisposeAsync().ConfigureAwait(false);
        await _minimal.DisposeAsync().ConfigureAwait(false);
        await _floor.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// What TestHost and the host cost by themselves: one terminal delegate writing the plaintext answer, no
    /// routing, no endpoint. Subtract it from the other figures to see what each framework allocates.
    /// </summary>
    [Benchmark(Description = "floor: TestHost + app.Run writing plaintext")]
    [BenchmarkCategory("floor")]
    public Task<HttpContext> Floor() => TestHostRequests.SendAsync(_floorServer, "/plaintext");

    [Benchmark(Baseline = true, Description = "Minimal GET /plaintext")]
    [BenchmarkCategory("plaintext")]
    public Task<HttpContext> MinimalPlaintext() => TestHostRequests.SendAsync(_minimalServer, "/plaintext");

    [Benchmark(Description = "Micro GET /plaintext")]
    [BenchmarkCategory("plaintext")]
    public Task<HttpContext> MicroPlaintext() => TestHostRequests.SendAsync(_microServer, "/plaintext");

    [Benchmark(Baseline = true, Description = "Minimal GET /json")]
    [BenchmarkCategory("json")]
    public Task<HttpContext> MinimalJson() => TestHostRequests.SendAsync(_minimalServer, "/json");

    [Benchmark(Description = "Micro GET /json")]
    [BenchmarkCategory("json")]
    public Task<HttpContext> MicroJson() => TestHostRequests.SendAsync(_microServer, "/json");

    [Benchmark(Baseline = true, Description = "Minimal GET /users/{id:int}")]
    [BenchmarkCategory("users")]
    public Task<HttpContext> MinimalUser() => TestHostRequests.SendAsync(_minimalServer, "/users/42");

    [Benchmark(Description = "Micro GET /users/<int:id>")]
    [BenchmarkCategory("users")]
    public Task<HttpContext> MicroUser() => TestHostRequests.SendAsync(_microServer, "/users/42");

    [Benchmark(Baseline = true, Description = "Minimal GET /fortunes (hand-written HTML)")]
    [BenchmarkCategory("fortunes")]
    public Task<HttpContext> MinimalFortunes() => TestHostRequests.SendAsync(_minimalServer, "/fortunes");

    [Benchmark(Description = "Micro GET /fortunes (template, output cache off)")]
    [BenchmarkCategory("fortunes")]
    public Task<HttpContext> MicroFortunes() => TestHostRequests.SendAsync(_microServer, "/fortunes");

    [Benchmark(Description = "Micro GET /fortunes-cached (output cache hit)")]
    [BenchmarkCategory("fortunes")]
    public Task<HttpContext> MicroFortunesCached() => TestHostRequests.SendAsync(_microServer, "/fortunes-cached");

    private static WebApplication CreateFloor()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseTestServer();
        var app = builder.Build();
        app.Run(context =>
        {
            context.Response.ContentType = "text/plain; charset=utf-8";
            context.Response.ContentLength = 13;
            return context.Response.WriteAsync("Hello, World!");
        });
        return app;
    }
}
