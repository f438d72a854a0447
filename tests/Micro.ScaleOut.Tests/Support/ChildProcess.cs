using System.Diagnostics;
using System.Text;

namespace Micro.ScaleOut.Tests.Support;

/// <summary>
/// A program the tests start (redis-server, a Blog instance): its output is kept line by line for assertions and
/// failure messages, it can be sent SIGTERM as a process manager would, and it is always killed on dispose.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];

    public ChildProcess(string name, ProcessStartInfo info)
    {
        Name = name;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        _process = new Process { StartInfo = info, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => Add(e.Data);
        _process.ErrorDataReceived += (_, e) => Add(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Name { get; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string Output
    {
        get
        {
            lock (_lines)
            {
                return string.Join('\n', _lines);
            }
        }
    }

    /// <summary>How many output lines contain <paramref name="text"/>.</summary>
    public int Count(string text)
    {
        lock (_lines)
        {
            return _lines.Count(line => line.Contains(text, StringComparison.Ordinal));
        }
    }

    /// <summary>Waits until a line contains <paramref name="text"/>; fails with the output if the process exits or time runs out.</summary>
    public async Task WaitForLineAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Count(text) == 0)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode} before printing '{text}':\n{Output}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Name} did not print '{text}' within {timeout.TotalSeconds} s:\n{Output}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Sends SIGTERM, as systemd, Kubernetes or a container runtime does to stop a service.</summary>
    public void Terminate()
    {
        if (_process.HasExited)
        {
            return;
        }

        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { RedirectStandardError = true })!;
        var errors = kill.StandardError.ReadToEnd();
        kill.WaitForExit();
        if (kill.ExitCode != 0 && !_process.HasExited)
        {
            throw new InvalidOperationException($"kill -TERM {_process.Id} failed: {errors}");
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await _process.WaitForExitAsync().WaitAsync(timeout);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }

    private void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lines)
        {
            _lines.Add(line);
        }
    }
}

/// <summary>Free loopback ports, chosen by the system.</summary>
internal static class Ports
{
    public static int Free()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Finds programs the way a shell would, then in /usr/bin and /usr/sbin where Debian installs them.</summary>
internal static class Programs
{
    public static string Find(string name, string package)
    {
        var folders = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/bin")
            .Append("/usr/sbin");
        foreach (var folder in folders)
        {
            var candidate = Path.Combine(folder, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(new StringBuilder()
            .Append($"These tests need {name} on PATH and it is not there. Run the tests with ./build.sh test, which installs it, ")
            .Append($"or install it yourself: sudo apt-get update && sudo apt-get install -y {package}")
            .ToString());
    }
}
