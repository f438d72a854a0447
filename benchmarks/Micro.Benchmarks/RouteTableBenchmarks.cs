using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging;

namespace Micro.Benchmarks;

/// <summary>
/// Time per request with 10 rules and with 1,000 (the design brief: throughput within 5 %), in process on TestHost.
/// The rules are a REST-shaped site: per resource <c>resN</c>, ten rules (index, create, new, show, update, edit,
/// comments, one comment, a <c>path</c> search, a string lookup); the request hits the last resource, so with
/// 1,000 rules it is one of 100 resources. Minimal APIs with the same routes shows what the platform's own
/// matcher does with the same growth.
/// </summary>
[Config(typeof(ShortConfig))]
public class RouteTableBenchmarks
{
    private MicroApp _microApp = null!;
    private WebApplication _micro = null!;
    private WebApplication _minimal = null!;
    private TestServer _microServer = null!;
    private TestServer _minimalServer = null!;
    private string _show = "";
    private string _comment = "";

    /// <summary>The number of rules in each app.</summary>
    [Params(10, 1000)]
    public int Rules { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var resources = Rules / 10;
        var last = resources - 1;
        _show = $"/res{last}/42";
        _comment = $"/res{last}/42/comments/7";

        var micro = MicroApp.Create(WebApplication.CreateBuilder());
        micro.Builder.Logging.SetMinimumLevel(LogLevel.Warning);
        micro.Builder.WebHost.UseTestServer();
        var minimalBuilder = WebApplication.CreateBuilder();
        minimalBuilder.Logging.SetMinimumLevel(LogLevel.Warning);
        minimalBuilder.WebHost.UseTestServer();
        var minimal = minimalBuilder.Build();
        Micro.Benchmarks.App.MicroBenchmarkApp.AddRestRules(micro, Rules);
        for (var r = 0; r < resources; r++)
        {
            var p = $"/res{r}";
            minimal.MapGet(p + "/", () => "index");
            minimal.MapPost(p + "/", () => "create");
            minimal.MapGet(p + "/new", () => "new");
            minimal.MapGet(p + "/{id:int}", (int id) => $"show {id}");
            minimal.MapPost(p + "/{id:int}", (int id) => $"update {id}");
            minimal.MapGet(p + "/{id:int}/edit", (int id) => $"edit {id}");
            minimal.MapGet(p + "/{id:int}/comments", (int id) => $"comments {id}");
            minimal.MapGet(p + "/{id:int}/comments/{cid:int}", (int id, int cid) => $"comment {id} {cid}");
            minimal.MapGet(p + "/search/{**q}", (string q) => $"search {q}");
            minimal.MapGet(p + "/by-name/{name}", (string name) => $"name {name}");
        }

        _microApp = micro;
        _micro = micro.Build();
        _minimal = minimal;
        await _micro.StartAsync().ConfigureAwait(false);
        await _minimal.StartAsync().ConfigureAwait(false);
        _microServer = _micro.GetTestServer();
        _minimalServer = _minimal.GetTestServer();
        foreach (var (name, server) in new[] { ("Micro", _microServer), ("Minimal", _minimalServer) })
        {
            await TestHostRequests.ExpectAsync(name, server, _show, "show 42").ConfigureAwait(false);
            await TestHostRequests.ExpectAsync(name, server, _comment, "comment 42 7").ConfigureAwait(false);
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _micro.DisposeAsync().ConfigureAwait(false);
        await _minimal.DisposeAsync().ConfigureAwait(false);
    }

    [Benchmark(Description = "Micro GET /resN/<int:id>")]
    public Task<HttpContext> MicroShow() => TestHostRequests.SendAsync(_microServer, _show);

    [Benchmark(Description = "Micro GET /resN/<int:id>/comments/<int:cid>")]
    public Task<HttpContext> MicroComment() => TestHostRequests.SendAsync(_microServer, _comment);

    /// <summary>Micro's matcher alone (Werkzeug's state machine), no host: where the number of rules could show.</summary>
    [Benchmark(Description = "Micro matcher only, /resN/42/comments/7")]
    public object MicroMatcherOnly() => _microApp.Table.Matcher.Match(_comment, "GET");

    [Benchmark(Description = "Minimal GET /resN/{id:int}")]
    public Task<HttpContext> MinimalShow() => TestHostRequests.SendAsync(_minimalServer, _show);

    [Benchmark(Description = "Minimal GET /resN/{id:int}/comments/{cid:int}")]
    public Task<HttpContext> MinimalComment() => TestHostRequests.SendAsync(_minimalServer, _comment);


}
