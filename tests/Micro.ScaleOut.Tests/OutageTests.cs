using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Micro.ScaleOut.Tests.Support;

namespace Micro.ScaleOut.Tests;

/// <summary>
/// What goes wrong in production: Redis stops, an instance is stopped (SIGTERM) with requests in flight, instances
/// are restarted one after the other under load.
/// </summary>
public sealed class OutageTests
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task When_Redis_stops_pages_needing_the_session_answer_503_quickly_with_one_log_line_and_recover_when_it_returns()
    {
        await using var cluster = await Cluster.StartAsync(withRedis: true);
        await cluster.CheckAsync(async () =>
        {
            using var browser = new Browser(cluster.Proxy.Address, timeout: TimeSpan.FromSeconds(15));
            await RegisterAndLogInAsync(browser, "ada");
            Assert.Equal("ada", (await browser.GetAsync("/")).User);

            await cluster.Redis!.StopAsync();
            const string Unreachable = "Redis is unreachable, answering 503";
            var before = cluster.Instances.Sum(instance => instance.Count(Unreachable));
            for (var i = 0; i < 4; i++)
            {
                var clock = Stopwatch.StartNew();
                var page = await browser.GetAsync("/");
                clock.Stop();
                Assert.Equal(503, page.Status);
                Assert.Contains("session store is unreachable", page.Body, StringComparison.Ordinal);
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(6), $"The 503 took {clock.Elapsed.TotalSeconds:0.0} s.");
            }

            // One line per failed request (the log is written before the answer, but give the pipe a moment).
            await WaitUntilAsync(() => cluster.Instances.Sum(instance => instance.Count(Unreachable)) - before == 4, TimeSpan.FromSeconds(5));
            Assert.Equal(4, cluster.Instances.Sum(instance => instance.Count(Unreachable)) - before);
            Assert.Equal(0, cluster.Instances.Sum(instance => instance.Count("Exception on")));

            // A visitor without a session is still served.
            using var stranger = new Browser(cluster.Proxy.Address);
            Assert.Equal(200, (await stranger.GetAsync("/")).Status);

            // Redis returns (with its data: it keeps an append-only file), and so does the session, by itself.
            await cluster.Redis.StartAgainAsync();
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
            Browser.Page back;
            while ((back = await browser.GetAsync("/")).Status != 200)
            {
                Assert.True(DateTime.UtcNow < deadline, $"Still {back.Status} 20 s after Redis returned.");
                await Task.Delay(250);
            }

            Assert.Equal("ada", back.User);
            Assert.Equal("ada", (await browser.GetAsync("/")).User);
        });
    }

    [Fact]
    public async Task On_SIGTERM_an_instance_finishes_the_request_in_flight_refuses_new_connections_and_exits_cleanly()
    {
        await using var cluster = await Cluster.StartAsync(withRedis: true);
        await cluster.CheckAsync(async () =>
        {
            var instance = cluster.Instances[0];
            using var browser = new Browser(instance.Address);
            var login = await browser.GetAsync("/auth/login");

            // A slow request: the form arrives in two parts, the second after SIGTERM.
            var form = Encoding.ASCII.GetBytes($"username=nobody&password=x&csrf_token={Uri.EscapeDataString(login.Csrf)}");
            using var slow = new TcpClient();
            await slow.ConnectAsync("127.0.0.1", instance.Port);
            var stream = slow.GetStream();
            var head = "POST /auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + $"Cookie: {browser.CookieHeader}\r\nContent-Length: {form.Length}\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
            await stream.WriteAsync(form.AsMemory(0, 10));
            await stream.FlushAsync();
            await Task.Delay(500);

            instance.Process.Terminate();
            await instance.Process.WaitForLineAsync("Application is shutting down", TimeSpan.FromSeconds(10));

            // No longer accepting: a new connection is refused while the slow request is still open. The host logs
            // "shutting down" as stopping begins and the server closes its listener just after, so a connection made in
            // between is still accepted: try until refused, for a few seconds at most.
            SocketException? refused = null;
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
            while (refused is null && DateTime.UtcNow < deadline)
            {
                try
                {
                    using var late = new TcpClient();
                    await late.ConnectAsync("127.0.0.1", instance.Port);
                    await Task.Delay(50);
                }
                catch (SocketException error)
                {
                    refused = error;
                }
            }

            Assert.NotNull(refused);
            Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
            Assert.False(instance.Process.HasExited);

            // The rest of the form: the request completes normally, with the page it would have had.
            await Task.Delay(1000);
            await stream.WriteAsync(form.AsMemory(10));
            await stream.FlushAsync();
            using var received = new MemoryStream();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await stream.CopyToAsync(received, timeout.Token);
            var response = Encoding.UTF8.GetString(received.ToArray());
            Assert.StartsWith("HTTP/1.1 200 OK", response, StringComparison.Ordinal);
            Assert.Contains("Incorrect username.", response, StringComparison.Ordinal);

            Assert.Equal(0, await instance.Process.WaitForExitAsync(TimeSpan.FromSeconds(20)));
        });
    }

    [Fact]
    public async Task A_rolling_restart_under_a_client_loop_through_the_proxy_loses_no_request()
    {
        await using var cluster = await Cluster.StartAsync(withRedis: true);
        await cluster.CheckAsync(async () =>
        {
            using var visitor = new Browser(cluster.Proxy.Address);
            await RegisterAndLogInAsync(visitor, "ada");
            var cookie = visitor.Cookie("session")!;

            // Four visitors reading a page that needs the session, as fast as they can, until both instances have
            // been restarted.
            using var done = new CancellationTokenSource();
            var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
            var served = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
            var loops = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
            {
                using var client = new Browser(cluster.Proxy.Address);
                client.SetCookie("session", cookie);
                var count = 0;
                while (!done.IsCancellationRequested)
                {
                    try
                    {
                        var page = await client.GetAsync("/", follow: false);
                        if (page.Status != 200 || page.User != "ada")
                        {
                            failures.Enqueue($"{page.Status} from {page.ServedBy}: user {page.User}");
                        }

                        served.AddOrUpdate(page.ServedBy ?? "?", 1, (_, n) => n + 1);
                    }
                    catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
                    {
                        failures.Enqueue(error.GetType().Name + ": " + error.Message);
                    }

                    count++;
                }

                return count;
            })).ToList();

            await Task.Delay(1000);
            foreach (var instance in cluster.Instances)
            {
                Assert.Equal(0, await instance.StopAsync());
                await instance.StartAsync();

                // Back in the proxy's rotation: its active health check sees it within a second.
                await Task.Delay(2000);
            }

            await done.CancelAsync();
            var total = (await Task.WhenAll(loops)).Sum();
            Assert.True(failures.IsEmpty, $"{failures.Count} of {total} requests failed: {string.Join("; ", failures.Take(10))}");
            Assert.True(total > 100, $"Only {total} requests were made.");
            Assert.All(cluster.Instances, instance => Assert.True(served.GetValueOrDefault(instance.Name) > 0, $"{instance.Name} served nothing."));
        });
    }

    private static async Task RegisterAndLogInAsync(Browser browser, string name)
    {
        var register = await browser.GetAsync("/auth/register");
        var login = await browser.PostAsync("/auth/register", [("username", name), ("password", Password), ("csrf_token", register.Csrf)]);
        var home = await browser.PostAsync("/auth/login", [("username", name), ("password", Password), ("csrf_token", login.Csrf)]);
        Assert.Equal(name, home.User);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
    }
}
