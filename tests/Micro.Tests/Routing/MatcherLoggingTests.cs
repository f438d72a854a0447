using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Micro.Testing;

namespace Micro.Tests.Routing;

/// <summary>The matcher's decisions are logged at Debug under one category, as ASP.NET Core's matcher logs its own.</summary>
public class MatcherLoggingTests
{
    private const string Category = "Micro.Routing.Matching";

    [Fact]
    public async Task Redirects_405s_and_converter_rejections_are_logged_at_Debug()
    {
        var logs = new DebugLogs();
        var app = MicroApp.Create();
        app.Builder.Logging.AddProvider(logs);
        app.Builder.Logging.AddFilter(Category, LogLevel.Debug);
        app.Get("/dir/", () => "dir");
        app.Get("/n/<int(max=9):n>", (int n) => "n");
        app.Post("/form", () => "posted").DisableCsrf();
        Func<string, string> index = js => js;
        app.Get("/", index, endpoint: "index", defaults: new { js = "fetch" });
        app.Get("/<any(xhr, fetch):js>", index, endpoint: "index");
        app.Redirect("/old", "/dir/");
        await using var client = app.TestClient();

        Assert.Equal(308, (await client.Get("/dir")).StatusCode);
        Assert.Equal(405, (await client.Get("/form")).StatusCode);
        Assert.Equal(404, (await client.Get("/n/12")).StatusCode);
        Assert.Equal(308, (await client.Get("/fetch")).StatusCode);
        Assert.Equal(308, (await client.Get("/old")).StatusCode);
        Assert.Equal(200, (await client.Get("/n/5")).StatusCode);

        var entries = logs.Entries.Where(entry => entry.Category == Category).ToList();
        Assert.All(entries, entry => Assert.Equal(LogLevel.Debug, entry.Level));
        Assert.Equal(["SlashRedirect", "MethodNotAllowed", "ConverterRejected", "DefaultsRedirect", "RuleRedirect"], entries.Select(entry => entry.Event ?? "").ToArray());
        Assert.Equal("Request GET /dir redirected (308) to http://localhost/dir/: the rule ends with a slash, or the path had doubled slashes.", entries[0].Message);
        Assert.Equal("Request GET /form answered 405: the path matches rules for OPTIONS, POST only.", entries[1].Message);
        Assert.Equal("Request path /n/12 matched rule '/n/<int(max=9):n>' but its converter rejected n = '12': no match.", entries[2].Message);
        Assert.Contains("to http://localhost/", entries[3].Message, StringComparison.Ordinal);
        Assert.Contains("rule '/old'", entries[4].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nothing_is_written_when_Debug_is_off()
    {
        var logs = new DebugLogs();
        var app = MicroApp.Create();
        app.Builder.Logging.AddProvider(logs);
        app.Builder.Logging.AddFilter(Category, LogLevel.Information);
        app.Get("/dir/", () => "dir");
        await using var client = app.TestClient();

        Assert.Equal(308, (await client.Get("/dir")).StatusCode);
        Assert.DoesNotContain(logs.Entries, entry => entry.Category == Category);
    }

    private sealed class DebugLogs : ILoggerProvider
    {
        public ConcurrentQueue<(string Category, LogLevel Level, string? Event, string Message)> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(DebugLogs owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Entries.Enqueue((category, logLevel, eventId.Name, formatter(state, exception)));
        }
    }
}
