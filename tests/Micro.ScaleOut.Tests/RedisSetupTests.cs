using System.Diagnostics;
using Micro.Redis;
using Micro.ScaleOut.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Micro.ScaleOut.Tests;

/// <summary><c>app.AddRedis(...)</c> itself: what it turns on, and a site whose Redis is down from the start.</summary>
public sealed class RedisSetupTests
{
    [Theory]
    [InlineData(null, true)]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public void Sessions_go_server_side_unless_configuration_says_otherwise(string? serverSide, bool expected)
    {
        var app = MicroApp.Create(serverSide is null ? [] : [$"--Session:ServerSide={serverSide}"]);
        app.AddRedis("127.0.0.1:1");
        using var services = app.Services.BuildServiceProvider();

        Assert.Equal(expected, services.GetRequiredService<IOptions<MicroSessionOptions>>().Value.ServerSide);
        Assert.IsNotType<MemoryDistributedCache>(services.GetRequiredService<IDistributedCache>());
    }

    [Fact]
    public async Task A_site_whose_Redis_is_down_starts_serves_pages_without_a_session_and_answers_503_within_the_timeout()
    {
        var app = MicroApp.Create();
        app.AddRedis($"127.0.0.1:{Ports.Free()}");
        app.Get("/", () => "home");
        app.Get("/remember", (Session session) =>
        {
            session["seen"] = true;
            return "remembered";
        });
        var web = app.Build();
        web.Urls.Add("http://127.0.0.1:0");
        var clock = Stopwatch.StartNew();
        await web.StartAsync();
        try
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"Startup took {clock.Elapsed.TotalSeconds:0.0} s.");
            var address = web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            using var http = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(15) };

            Assert.Equal("home", await http.GetStringAsync("/"));

            clock.Restart();
            using var remember = await http.GetAsync("/remember");
            Assert.Equal(503, (int)remember.StatusCode);
            Assert.Contains("session store is unreachable", await remember.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(6), $"The 503 took {clock.Elapsed.TotalSeconds:0.0} s.");
        }
        finally
        {
            await web.StopAsync();
            await web.DisposeAsync();
        }
    }
}
