using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Micro.Testing;

namespace Micro.Tests.Support;

/// <summary>Apps for tests: a chosen environment and content root, and the log lines they write.</summary>
internal static class TestApps
{
    public static MicroApp Create(string environment = "Production", string? contentRoot = null, LogCollector? logs = null, string[]? args = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment, ContentRootPath = contentRoot, Args = args ?? [] });
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        return MicroApp.Create(builder, args);
    }

    public static Cookie? Cookie(this TestClient client, string name) =>
        client.Cookies.GetCookies(new Uri("http://localhost/"))[name];

    public static void SetCookie(this TestClient client, string name, string value) =>
        client.Cookies.Add(new Cookie(name, value, "/", "localhost"));
}

/// <summary>Collects log entries in memory.</summary>
internal sealed class LogCollector : ILoggerProvider
{
    public ConcurrentQueue<(string Category, LogLevel Level, string Message)> Entries { get; } = new();

    public IEnumerable<string> Messages(string category) => Entries.Where(entry => entry.Category == category).Select(entry => entry.Message);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogCollector owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Entries.Enqueue((category, logLevel, formatter(state, exception)));
    }
}

/// <summary>A temporary content root with files in it, deleted after the test.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = Directory.CreateTempSubdirectory("micro-tests-").FullName;
    }

    public string Path { get; }

    public string Write(string relative, string contents)
    {
        var full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, contents);
        return full;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
