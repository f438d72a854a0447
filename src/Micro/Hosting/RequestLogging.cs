using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Micro.Hosting;

/// <summary>
/// Logs one line per request, <c>GET /users/42 200 1.3 ms</c>, under the category <c>Micro.Requests</c>, as
/// Werkzeug's development server does. Hand-written because the platform's HTTP logging middleware writes a
/// multi-line entry per request and costs more. The lines are Information in Development and Debug elsewhere,
/// so a production server does not write to the console on every request unless asked to
/// (<c>Logging:LogLevel:Micro.Requests = Debug</c>).
/// </summary>
internal sealed partial class RequestLogging(RequestDelegate next, ILoggerFactory loggers, IHostEnvironment environment)
{
    private readonly ILogger _logger = loggers.CreateLogger("Micro.Requests");
    private readonly LogLevel _level = environment.IsDevelopment() ? LogLevel.Information : LogLevel.Debug;

    public Task InvokeAsync(HttpContext context) =>
        _logger.IsEnabled(_level) ? LogAsync(context) : next(context);

    private async Task LogAsync(HttpContext context)
    {
        var start = Stopwatch.GetTimestamp();
        var failed = false;
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch
        {
            failed = true;
            throw;
        }
        finally
        {
            var status = failed && !context.Response.HasStarted ? 500 : context.Response.StatusCode;

            // The path as sent (percent-encoded), so a decoded newline cannot forge a log line.
            var path = context.Request.PathBase.Add(context.Request.Path).ToUriComponent();
            Log.Request(_logger, _level, context.Request.Method, path, status, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Message = "{Method} {Path} {StatusCode} {ElapsedMilliseconds:0.0} ms")]
        public static partial void Request(ILogger logger, LogLevel level, string method, string path, int statusCode, double elapsedMilliseconds);
    }
}
