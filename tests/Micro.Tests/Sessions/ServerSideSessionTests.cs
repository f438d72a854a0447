using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Micro.Testing;
using Micro.Tests.Support;

namespace Micro.Tests.Sessions;

public class ServerSideSessionTests
{
    private static MicroApp ServerSideApp(IDistributedCache cache, LogCollector? logs = null)
    {
        var app = TestApps.Create(logs: logs);
        app.Services.Configure<MicroSessionOptions>(options => options.ServerSide = true);
        app.Services.AddSingleton(cache);
        app.Get("/big", (Session session) => { session["blob"] = new string('x', 20_000); });
        app.Get("/size", (Session session) => (session.Get<string>("blob")?.Length ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture));
        app.Get("/clear", (Session session) => session.Clear());
        return app;
    }

    private static MemoryDistributedCache NewCache() => new(Options.Create(new MemoryDistributedCacheOptions()));

    [Fact]
    public async Task A_server_side_session_keeps_only_an_id_in_the_cookie_so_it_can_be_large()
    {
        await using var client = ServerSideApp(NewCache()).TestClient();

        await client.Get("/big");

        Assert.InRange(client.Cookie("session")!.Value.Length, 1, 400);
        Assert.Equal("20000", (await client.Get("/size")).Text);
    }

    [Fact]
    public async Task Clearing_a_server_side_session_removes_it_from_the_cache()
    {
        var cache = NewCache();
        await using var client = ServerSideApp(cache).TestClient();
        await client.Get("/big");
        var stolen = client.Cookie("session")!.Value;

        await client.Get("/clear");
        client.SetCookie("session", stolen);

        Assert.Equal("0", (await client.Get("/size")).Text);
    }

    [Fact]
    public async Task A_tampered_server_side_id_gives_an_empty_session()
    {
        var logs = new LogCollector();
        await using var client = ServerSideApp(NewCache(), logs).TestClient();
        await client.Get("/big");
        var good = client.Cookie("session")!.Value;
        client.SetCookie("session", good[..10] + (good[10] == 'A' ? 'B' : 'A') + good[11..]);

        Assert.Equal("0", (await client.Get("/size")).Text);
        Assert.Single(logs.Messages("Micro.Sessions"), message => message.Contains("was refused", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Keeping_sessions_in_an_in_memory_cache_outside_development_logs_a_warning()
    {
        var logs = new LogCollector();
        await using var client = ServerSideApp(NewCache(), logs).TestClient();

        await client.Get("/size");

        Assert.Contains(logs.Entries, entry => entry.Category == "Micro.Sessions" && entry.Level == Microsoft.Extensions.Logging.LogLevel.Warning && entry.Message.Contains("in-memory cache", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_instances_sharing_the_cache_and_key_ring_share_sessions()
    {
        var cache = NewCache();
        await using var first = ServerSideApp(cache).TestClient();
        await using var second = ServerSideApp(cache).TestClient();

        await first.Get("/big");
        second.SetCookie("session", first.Cookie("session")!.Value);

        Assert.Equal("20000", (await second.Get("/size")).Text);
    }
}
