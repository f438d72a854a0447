using System.Diagnostics.Tracing;
using Micro.Benchmarks.App;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.TestHost;
using Minimal.Benchmarks.App;

namespace Micro.Benchmarks;

/// <summary>
/// A diagnostic, not a benchmark: which types each app allocates per request, estimated from the runtime's
/// randomized allocation sampling (.NET 10's <c>AllocationSampled</c> event, one sample per ~100 KiB at a
/// random offset, so each type's share is an unbiased estimate). Run with <c>-- --alloc-profile [path]</c>.
/// </summary>
internal static class AllocationProfile
{
    public static async Task RunAsync(string target, int requests)
    {
        var micro = MicroBenchmarkApp.Create([], builder => builder.WebHost.UseTestServer()).Build();
        var minimal = MinimalBenchmarkApp.Create([], builder => builder.WebHost.UseTestServer());
        await micro.StartAsync().ConfigureAwait(false);
        await minimal.StartAsync().ConfigureAwait(false);

        var microBytes = await ProfileAsync(micro.GetTestServer(), target, requests).ConfigureAwait(false);
        var minimalBytes = await ProfileAsync(minimal.GetTestServer(), target, requests).ConfigureAwait(false);

        Console.WriteLine($"Estimated bytes per request of GET {target} by type ({requests:N0} requests each, sampled):");
        Console.WriteLine($"{"type",-90} {"Micro",8} {"Minimal",8} {"diff",8}");
        foreach (var type in microBytes.Keys.Union(minimalBytes.Keys)
            .OrderByDescending(type => Math.Abs(microBytes.GetValueOrDefault(type) - minimalBytes.GetValueOrDefault(type))).Take(40))
        {
            var a = microBytes.GetValueOrDefault(type) / requests;
            var b = minimalBytes.GetValueOrDefault(type) / requests;
            var name = type.Length > 90 ? type[..87] + "..." : type;
            Console.WriteLine($"{name,-90} {a,8:F0} {b,8:F0} {a - b,8:F0}");
        }

        Console.WriteLine($"{"total",-90} {microBytes.Values.Sum() / requests,8:F0} {minimalBytes.Values.Sum() / requests,8:F0}");
        await micro.DisposeAsync().ConfigureAwait(false);
        await minimal.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Sends requests to one endpoint for <paramref name="seconds"/>, for a CPU profiler to sample: Micro's, or
    /// Minimal APIs' when <paramref name="target"/> starts with <c>minimal:</c>.
    /// </summary>
    public static async Task LoopAsync(string target, double seconds)
    {
        var minimal = target.StartsWith("minimal:", StringComparison.Ordinal);
        target = minimal ? target["minimal:".Length..] : target;
        var app = minimal
            ? MinimalBenchmarkApp.Create([], builder => builder.WebHost.UseTestServer())
            : MicroBenchmarkApp.Create([], builder => builder.WebHost.UseTestServer()).Build();
        await app.StartAsync().ConfigureAwait(false);
        var server = app.GetTestServer();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        long n = 0;
        // The fastest batch of 1,000 (after the first half of the run, once the JIT has tiered up) is the figure to
        // compare between two builds on a busy machine: other processes only ever make a batch slower.
        var fastest = double.MaxValue;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            var batch = System.Diagnostics.Stopwatch.GetTimestamp();
            for (var i = 0; i < 1000; i++)
            {
                await TestHostRequests.SendAsync(server, target).ConfigureAwait(false);
            }

            n += 1000;
            if (clock.Elapsed.TotalSeconds > seconds / 2)
            {
                fastest = Math.Min(fastest, System.Diagnostics.Stopwatch.GetElapsedTime(batch).TotalMicroseconds / 1000);
            }
        }

        Console.WriteLine($"{n:N0} requests to {(minimal ? "Minimal APIs" : "Micro")} {target} in {clock.Elapsed.TotalSeconds:F1} s: {clock.Elapsed.TotalMicroseconds / n:F2} µs each, fastest batch of 1,000 in the second half {fastest:F2} µs each");
        await app.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task<Dictionary<string, double>> ProfileAsync(TestServer server, string target, int requests)
    {
        for (var i = 0; i < 20_000; i++)
        {
            await TestHostRequests.SendAsync(server, target).ConfigureAwait(false);
        }

        using var listener = new TickListener();
        for (var i = 0; i < requests; i++)
        {
            await TestHostRequests.SendAsync(server, target).ConfigureAwait(false);
        }

        listener.Dispose();
        lock (listener.Bytes)
        {
            return new Dictionary<string, double>(listener.Bytes);
        }
    }

    private sealed class TickListener : EventListener
    {
        public Dictionary<string, double> Bytes { get; } = [];

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(eventSource, EventLevel.Informational, (EventKeywords)0x80000000000);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (eventData.EventName != "AllocationSampled" || eventData.Payload is null)
            {
                return;
            }

            // Samples are taken at random byte offsets, one per 100 KiB on average: each stands for 100 KiB
            // (plus the sampled object itself, which is always counted).
            var type = eventData.PayloadNames!.IndexOf("TypeName") is var t and >= 0 ? eventData.Payload[t] as string ?? "?" : "?";
            var size = eventData.PayloadNames.IndexOf("ObjectSize") is var o and >= 0 ? Convert.ToDouble(eventData.Payload[o], System.Globalization.CultureInfo.InvariantCulture) : 0;
            var amount = 102_400 + size;
            lock (Bytes)
            {
                Bytes[type] = Bytes.GetValueOrDefault(type) + amount;
            }
        }
    }
}
