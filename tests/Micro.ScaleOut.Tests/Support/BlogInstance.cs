using System.Diagnostics;

namespace Micro.ScaleOut.Tests.Support;

/// <summary>
/// One instance of examples/Blog in its own process on its own port, with its own HOME and key folder, so that two
/// instances share nothing but what they are configured to share (Redis, and the SQLite file, as instances on one
/// machine do): like two machines. It can be stopped with SIGTERM and started again on the same port.
/// </summary>
internal sealed class BlogInstance : IDisposable
{
    private readonly string _home;
    private readonly string[] _settings;
    private readonly List<ChildProcess> _runs = [];

    public BlogInstance(string name, string folder, string database, string? redis)
    {
        Name = name;
        Port = Ports.Free();
        _home = Directory.CreateDirectory(Path.Combine(folder, name, "home")).FullName;
        var keys = Directory.CreateDirectory(Path.Combine(folder, name, "keys")).FullName;
        List<string> settings =
        [
            $"--urls=http://127.0.0.1:{Port}",
            $"--Database={database}",
            $"--DataProtection:KeysFolder={keys}",

            // Behind the proxy: scheme, host and client address from its X-Forwarded-* headers (it is on loopback).
            "--ForwardedHeaders:Headers=XForwardedFor, XForwardedProto, XForwardedHost",

            // One line per log entry, so the tests can count them.
            "--Logging:Console:FormatterName=simple",
            "--Logging:Console:FormatterOptions:SingleLine=true",
        ];
        if (redis is not null)
        {
            settings.Add($"--Redis={redis}");
        }

        _settings = [.. settings];
    }

    public string Name { get; }

    public int Port { get; }

    public string Address => $"http://127.0.0.1:{Port}";

    /// <summary>The running process (the latest, after restarts).</summary>
    public ChildProcess Process => _runs[^1];

    public string Output => string.Join("\n", _runs.Select((run, i) => $"--- {Name} run {i + 1} ---\n{run.Output}"));

    /// <summary>How many lines of every run so far contain <paramref name="text"/>.</summary>
    public int Count(string text) => _runs.Sum(run => run.Count(text));

    public async Task StartAsync()
    {
        var run = new ChildProcess(Name, StartInfo(_settings));
        _runs.Add(run);
        await run.WaitForLineAsync("Now listening on", TimeSpan.FromSeconds(60));
    }

    /// <summary>SIGTERM, then waits for the process to finish its requests and exit; returns the exit code.</summary>
    public async Task<int> StopAsync()
    {
        Process.Terminate();
        return await Process.WaitForExitAsync(TimeSpan.FromSeconds(40));
    }

    /// <summary>Runs <c>init-db</c> to create the shared database.</summary>
    public static async Task InitDatabaseAsync(string database, string home)
    {
        using var run = new ChildProcess("init-db", StartInfo(["init-db", $"--Database={database}"], home));
        var code = await run.WaitForExitAsync(TimeSpan.FromSeconds(60));
        if (code != 0 || run.Count("Initialized the database") == 0)
        {
            throw new InvalidOperationException($"init-db exited with {code}:\n{run.Output}");
        }
    }

    public void Dispose()
    {
        foreach (var run in _runs)
        {
            run.Dispose();
        }
    }

    private ProcessStartInfo StartInfo(string[] args) => StartInfo(args, _home);

    private static ProcessStartInfo StartInfo(string[] args, string home)
    {
        // The Blog built next to this test (the project reference copies it), with its source folder as the content
        // root for templates/ and static/, as `dotnet run` would have.
        var source = SourceFolder();
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = source };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Blog.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.ArgumentList.Add("--contentRoot=" + source);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["HOME"] = home;
        info.Environment["DOTNET_CLI_HOME"] = home;
        info.Environment.Remove("ASPNETCORE_URLS");
        info.Environment.Remove("MICRO_Redis");
        return info;
    }

    private static string SourceFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var blog = Path.Combine(folder.FullName, "examples", "Blog");
            if (File.Exists(Path.Combine(blog, "Blog.csproj")))
            {
                return blog;
            }
        }

        throw new InvalidOperationException($"examples/Blog not found above {AppContext.BaseDirectory}.");
    }
}
