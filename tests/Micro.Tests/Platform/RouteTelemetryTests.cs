using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Micro.Testing;

namespace Micro.Tests.Platform;

/// <summary>
/// ASP.NET Core's request metric and the request activity carry <c>http.route</c>: the matched rule in its template form,
/// also for Micro's 308 and 405 answers and its 404.
/// </summary>
public class RouteTelemetryTests
{
    private static readonly (string Method, string Url, int Status, string Route)[] Cases =
    [
        ("GET", "/users/42", 200, "/users/{id}"),
        ("GET", "/files/a/b.txt", 200, "/files/{name}"),
        ("GET", "/dir", 308, "/dir/"),
        ("DELETE", "/users/42", 405, "/users/{id}"),
        ("GET", "/nowhere/at/all", 404, "{**path}"),
        ("GET", "/users/abc", 404, "{**path}"),
        ("GET", "/platform/7", 200, "/platform/{id:int}"),
    ];

    [Fact]
    public async Task The_request_duration_metric_carries_the_rule()
    {
        var (app, web) = SampleApp();
        var factory = web.Services.GetRequiredService<IMeterFactory>();
        var routes = new ConcurrentQueue<(int Status, string? Route)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == factory && instrument.Name == "http.server.request.duration")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, _, tags, _) =>
        {
            string? route = null;
            var status = 0;
            foreach (var tag in tags)
            {
                route = tag.Key == "http.route" ? (string?)tag.Value : route;
                status = tag.Key == "http.response.status_code" ? Convert.ToInt32(tag.Value, System.Globalization.CultureInfo.InvariantCulture) : status;
            }

            routes.Enqueue((status, route));
        });
        listener.Start();

        await using var client = app.TestClient();
        foreach (var (method, url, status, route) in Cases)
        {
            Assert.Equal(status, (await client.Send(new HttpMethod(method), url)).StatusCode);
            Assert.Equal((status, route), await Next(routes));
        }
    }

    [Fact]
    public async Task The_request_activity_carries_the_rule()
    {
        var (app, web) = SampleApp();
        var source = web.Services.GetRequiredService<ActivitySource>();
        var routes = new ConcurrentQueue<string?>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = candidate => ReferenceEquals(candidate, source),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => routes.Enqueue(activity.GetTagItem("http.route") as string),
        };
        ActivitySource.AddActivityListener(listener);

        await using var client = app.TestClient();
        foreach (var (method, url, status, route) in Cases)
        {
            Assert.Equal(status, (await client.Send(new HttpMethod(method), url)).StatusCode);

            // The platform tags its activity with nothing, even for its own endpoints; Micro tags its own.
            Assert.Equal(url.StartsWith("/platform", StringComparison.Ordinal) ? null : route, await Next(routes));
        }
    }

    private static (MicroApp App, WebApplication Web) SampleApp()
    {
        var (app, web) = PlatformApps.Create();
        app.Get("/users/<int:id>", (int id) => new { id }, endpoint: "user");
        app.Get("/files/<path:name>", (string name) => name, endpoint: "file");
        app.Get("/dir/", () => "dir", endpoint: "dir");
        web.MapGet("/platform/{id:int}", (int id) => id);
        return (app, web);
    }

    /// <summary>The next value recorded: the metric and the activity end just after the response is sent.</summary>
    private static async Task<T> Next<T>(ConcurrentQueue<T> queue)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            if (queue.TryDequeue(out var value))
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, "Nothing was recorded for the request.");
            await Task.Delay(5);
        }
    }
}
