using System.Diagnostics;

namespace Micro.ScaleOut.Tests.Support;

/// <summary>
/// A real redis-server on a free loopback port, its data in a folder of its own with the append-only file on (as a
/// production Redis keeping sessions should run), so it can be stopped and started again on the same port with the
/// same data, as an outage and a restart of the Redis machine would.
/// </summary>
internal sealed class RedisServer : IDisposable
{
    private readonly string _folder;
    private readonly List<ChildProcess> _runs = [];

    private RedisServer(string folder, int port)
    {
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    public string Configuration => $"127.0.0.1:{Port}";

    public string Output => string.Join("\n", _runs.Select((run, i) => $"--- redis run {i + 1} ---\n{run.Output}"));

    private ChildProcess? Current => _runs.Count == 0 ? null : _runs[^1];

    public static async Task<RedisServer> StartAsync(string folder)
    {
        var server = new RedisServer(folder, Ports.Free());
        await server.StartAgainAsync();
        return server;
    }

    public async Task StartAgainAsync()
    {
        var info = new ProcessStartInfo(Programs.Find("redis-server", "redis-server"));
        foreach (var arg in (string[])["--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "yes", "--dir", _folder])
        {
            info.ArgumentList.Add(arg);
        }

        var run = new ChildProcess("redis-server", info);
        _runs.Add(run);
        await run.WaitForLineAsync("Ready to accept connections", TimeSpan.FromSeconds(20));
    }

    /// <summary>Stops Redis the way its service manager does (SIGTERM: it saves the append-only file and exits).</summary>
    public async Task StopAsync()
    {
        var run = Current!;
        run.Terminate();
        await run.WaitForExitAsync(TimeSpan.FromSeconds(20));
    }

    public void Dispose()
    {
        foreach (var run in _runs)
        {
            run.Dispose();
        }
    }
}
