using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Micro.Tests.Support;

/// <summary>
/// Renders templates in a child process (tests/Micro.RenderProbe) through the public <c>TemplateEngine</c>, as a
/// server would: a template that overflows the stack kills that process, which the test sees, instead of the
/// test host. <see cref="Run"/> asserts that the process exited normally.
/// </summary>
public static class RenderProbe
{
    /// <summary>What one render did, as the probe reports it.</summary>
    public sealed record Result(string Name, bool Ok, string? Text, string? ErrorTemplate, int Line, int Column, string? Reason, string? Unexpected, long Allocated)
    {
        /// <inheritdoc/>
        public override string ToString() => Ok ? $"{Name}: OK ({Text?.Length} chars)" : $"{Name}: {Unexpected ?? $"{Reason} ({ErrorTemplate}, line {Line}, column {Column})"}";
    }

    /// <summary>The probe's output: each render's result by template name, and the process's peak working set.</summary>
    public sealed record Run(IReadOnlyDictionary<string, Result> Results, long PeakWorkingSet, string Output);

    /// <summary>
    /// Renders <paramref name="templates"/> from <paramref name="folder"/> one after the other in one child process;
    /// fails the test, naming the template being rendered, if the process dies (a stack overflow) or times out.
    /// </summary>
    public static Run Render(string folder, IEnumerable<string> templates, params string[] options)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Micro.RenderProbe.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (IEnumerable<string>)[dll, folder, .. templates, .. options])
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (stdout) { stdout.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (stderr) { stderr.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"The render probe timed out.\n{Tail(stdout)}");
        }

        process.WaitForExit();
        var output = stdout.ToString();
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var rendering = lines.LastOrDefault(l => l.StartsWith("RENDER ", StringComparison.Ordinal));
        Assert.True(
            process.ExitCode == 0,
            $"The render probe died with exit code {process.ExitCode} while rendering {rendering?[7..] ?? "(nothing)"}:\n{Tail(stderr)}\n{Tail(stdout)}");

        var results = lines.Where(l => l.StartsWith('{')).Select(l => JsonSerializer.Deserialize<Result>(l)!).ToDictionary(r => r.Name);
        var peak = long.Parse(lines.Last(l => l.StartsWith("PEAK ", StringComparison.Ordinal))[5..], System.Globalization.CultureInfo.InvariantCulture);
        return new Run(results, peak, output);
    }

    private static string Tail(StringBuilder sb)
    {
        lock (sb)
        {
            var s = sb.ToString();
            return s.Length > 4000 ? "…" + s[^4000..] : s;
        }
    }
}
