using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Micro.Packaging.Tests;

/// <summary>
/// Packs Micro, Micro.Testing, Micro.Redis and Micro.Templates once per run into a local folder feed, with a version no earlier
/// run used, so a restore can only find the packages just built (never a stale copy in the NuGet cache).
/// </summary>
public sealed class Packages : IDisposable
{
    public Packages()
    {
        Version = $"0.1.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
        Root = Directory.CreateTempSubdirectory("micro-packaging-").FullName;
        Feed = Path.Combine(Root, "feed");
        var artifacts = Path.Combine(Root, "artifacts");
        foreach (var project in new[] { "src/Micro", "src/Micro.Testing", "src/Micro.Redis", "src/Micro.Templates" })
        {
            // Separate artifacts folder: the repository's own bin/ and obj/ are left alone.
            Run(RepositoryRoot, "dotnet", "pack", project, "--artifacts-path", artifacts, "-o", Feed, $"-p:Version={Version}", "-nodeReuse:false");
        }
    }

    public string Version { get; }

    public string Root { get; }

    public string Feed { get; }

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public string Package(string id) => Path.Combine(Feed, $"{id}.{Version}.nupkg");

    /// <summary>Writes a NuGet.config that adds the local feed to the usual sources.</summary>
    public void WriteNuGetConfig(string folder) => File.WriteAllText(Path.Combine(folder, "NuGet.config"), $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <add key="local-micro" value="{Feed}" />
          </packageSources>
        </configuration>
        """);

    public void Dispose()
    {
        // The unique versions were restored into the global packages folder; leave no trace of them there.
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var id in new[] { "micro", "micro.testing" })
        {
            var folder = Path.Combine(cache, id, Version.ToLowerInvariant());
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        Directory.Delete(Root, recursive: true);
    }

    /// <summary>Runs a command to completion; fails the test with its output when it exits non-zero.</summary>
    public static string Run(string folder, string command, params string[] args) =>
        Run(StartInfo(folder, command, args), TimeSpan.FromMinutes(5));

    /// <summary>Runs a process to completion and returns its output; fails the test when it exits non-zero or times out.</summary>
    public static string Run(ProcessStartInfo info, TimeSpan timeout)
    {
        var what = $"{info.FileName} {string.Join(' ', info.ArgumentList)} in {info.WorkingDirectory}";
        using var process = Process.Start(info)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"Timed out: {what}\n{output}");
        }

        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"Exit code {process.ExitCode}: {what}\n{output}");
        return output.ToString();
    }

    public static ProcessStartInfo StartInfo(string folder, string command, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(command)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        return info;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts a built site, waits until <paramref name="url"/> answers, and returns its body.</summary>
    public static Task<(int Status, string Body)> RunAndGet(string folder, string dll, string url, params string[] args) =>
        RunAndGet(StartInfo(folder, "dotnet", [dll, .. args]), url);

    /// <summary>Starts a site's process, waits until <paramref name="url"/> answers, returns the answer, and ends the process.</summary>
    public static async Task<(int Status, string Body)> RunAndGet(ProcessStartInfo info, string url)
    {
        using var process = Process.Start(info)!;
        var log = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            // `dotnet run` builds first: give it time on a busy machine.
            var deadline = DateTime.UtcNow.AddSeconds(180);
            while (true)
            {
                try
                {
                    using var response = await http.GetAsync(url);
                    return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
                }
                catch (HttpRequestException) when (DateTime.UtcNow < deadline && !process.HasExited)
                {
                    await Task.Delay(200);
                }
                catch (HttpRequestException error)
                {
                    lock (log)
                    {
                        Assert.Fail($"{url} did not answer ({error.Message}); the site's output:\n{log}");
                    }

                    throw;
                }
            }
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Micro.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"Micro.sln not found above {AppContext.BaseDirectory}.");
    }
}
