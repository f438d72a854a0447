using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Micro.Testing;
using Micro.Tests.Support;

namespace Micro.Tests.Sessions;

/// <summary>
/// A session store that answers an <see cref="HttpException"/> when it cannot be reached (Micro.Redis answers 503):
/// the request gets that status through the app's error handling, whether the store failed reading the session or
/// saving it, the store is not asked a second time in the same request, and nothing is logged as an unhandled error.
/// </summary>
public class UnavailableStoreTests
{
    public static TheoryData<string, bool> Cases() => new()
    {
        // Reading: the cookie names a session the store cannot fetch.
        { "/size", true },

        // Saving: a new session the store cannot keep.
        { "/big", false },

        // Refreshing: a permanent session's expiry is written back on a page that never reads it.
        { "/untouched", true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_store_that_is_down_gives_its_status_through_the_error_handlers_and_is_asked_once(string path, bool withSession)
    {
        var logs = new LogCollector();
        var store = new SwitchableStore();
        var app = TestApps.Create(logs: logs);
        app.Services.Configure<MicroSessionOptions>(options => options.ServerSide = true);
        app.Services.AddSingleton<IDistributedCache>(store);
        app.Get("/login", (Session session) =>
        {
            session["user"] = "ada";
            session.Permanent = true;
            return "in";
        });
        app.Get("/big", (Session session) =>
        {
            session["blob"] = "x";
            return "kept";
        });
        app.Get("/size", (Session session) => (session.Get<string>("user") ?? "").Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        app.Get("/untouched", () => "no session here");
        app.ErrorHandler(503, (HttpException error) => ($"Down for a moment: {error.Description}", 503));
        await using var client = app.TestClient();
        if (withSession)
        {
            Assert.Equal(200, (await client.Get("/login")).StatusCode);
        }

        store.Down = true;
        store.Calls = 0;
        var page = await client.Get(path);

        Assert.Equal(503, page.StatusCode);
        Assert.Equal("Down for a moment: store unreachable", page.Text);
        Assert.Equal(1, store.Calls);
        Assert.DoesNotContain(logs.Entries, entry => entry.Level >= LogLevel.Error);

        // And back up: the same client carries on.
        store.Down = false;
        Assert.Equal(200, (await client.Get(path)).StatusCode);
    }

    private sealed class SwitchableStore : IDistributedCache
    {
        private readonly MemoryDistributedCache _inner = new(Options.Create(new MemoryDistributedCacheOptions()));

        public bool Down { get; set; }

        public int Calls { get; set; }

        public byte[]? Get(string key) => Guard(() => _inner.Get(key));

        public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => Guard(() => _inner.GetAsync(key, token));

        public void Refresh(string key) => Guard(() => { _inner.Refresh(key); return 0; });

        public Task RefreshAsync(string key, CancellationToken token = default) => Guard(() => _inner.RefreshAsync(key, token));

        public void Remove(string key) => Guard(() => { _inner.Remove(key); return 0; });

        public Task RemoveAsync(string key, CancellationToken token = default) => Guard(() => _inner.RemoveAsync(key, token));

        public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => Guard(() => { _inner.Set(key, value, options); return 0; });

        public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) => Guard(() => _inner.SetAsync(key, value, options, token));

        private T Guard<T>(Func<T> operation)
        {
            Calls++;
            return Down ? throw new HttpException(503, "store unreachable") : operation();
        }
    }
}
