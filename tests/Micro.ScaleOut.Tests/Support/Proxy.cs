using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.LoadBalancing;
using Yarp.ReverseProxy.Model;
using Yarp.ReverseProxy.Transforms;

namespace Micro.ScaleOut.Tests.Support;

/// <summary>
/// The load balancer: YARP in this process on a free loopback port, round-robin over the instances, with the settings
/// docs/deploying.md gives: X-Forwarded-* headers (YARP's default), an active health check of each instance every
/// half second (two failures in a row take it out of the rotation, one success puts it back), and a retry on
/// another instance for an idempotent request (GET, HEAD, OPTIONS) that failed before any response came back, which
/// is what makes a rolling restart lose nothing. Each
/// response says which instance served it in <c>X-Served-By</c>, so the tests can see the requests alternate.
/// </summary>
internal sealed class Proxy : IAsyncDisposable
{
    private readonly WebApplication _web;

    private Proxy(WebApplication web, int port, ConcurrentQueue<string> retries)
    {
        _web = web;
        Port = port;
        Retries = retries;
    }

    public int Port { get; }

    public string Address => $"http://127.0.0.1:{Port}";

    /// <summary>The failures that were retried on another instance (method, path, instance, error).</summary>
    public ConcurrentQueue<string> Retries { get; }

    public static async Task<Proxy> StartAsync(IReadOnlyList<(string Name, string Address)> instances, string healthPath = "/")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        RouteConfig[] routes = [new() { RouteId = "site", ClusterId = "site", Match = new RouteMatch { Path = "{**path}" } }];
        ClusterConfig[] clusters =
        [
            new()
            {
                ClusterId = "site",
                LoadBalancingPolicy = LoadBalancingPolicies.RoundRobin,
                Destinations = instances.ToDictionary(instance => instance.Name, instance => new DestinationConfig { Address = instance.Address }),
                HealthCheck = new HealthCheckConfig
                {
                    Active = new ActiveHealthCheckConfig
                    {
                        Enabled = true,
                        Interval = TimeSpan.FromMilliseconds(500),
                        Timeout = TimeSpan.FromSeconds(2),
                        Policy = HealthCheckConstants.ActivePolicy.ConsecutiveFailures,
                        Path = healthPath,
                    },
                },
                HttpRequest = new ForwarderRequestConfig { ActivityTimeout = TimeSpan.FromSeconds(30) },
            },
        ];
        builder.Services.AddReverseProxy()
            .LoadFromMemory(routes, clusters)
            .AddTransforms(context => context.AddResponseTransform(transform =>
            {
                if (transform.HttpContext.GetReverseProxyFeature().ProxiedDestination is { } destination)
                {
                    transform.HttpContext.Response.Headers["X-Served-By"] = destination.DestinationId;
                }

                return ValueTask.CompletedTask;
            }));

        var retries = new ConcurrentQueue<string>();
        var web = builder.Build();
        web.MapReverseProxy(pipeline =>
        {
            pipeline.Use((context, next) => RetryIdempotentAsync(context, next, retries));
            pipeline.UseSessionAffinity();
            pipeline.UseLoadBalancing();
        });
        await web.StartAsync();
        var address = web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new Proxy(web, new Uri(address).Port, retries);
    }

    /// <summary>
    /// Sends an idempotent request again, to another instance, when the first one failed before any byte of the
    /// response (refused connection, connection closed by an instance shutting down). Others are never retried: a
    /// POST may have been acted on.
    /// </summary>
    private static async Task RetryIdempotentAsync(HttpContext context, RequestDelegate next, ConcurrentQueue<string> retries)
    {
        var proxy = context.GetReverseProxyFeature();
        IReadOnlyList<DestinationState> candidates;
        var tried = new HashSet<DestinationState?>();
        var idempotent = HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method);
        for (var attempt = 1; ; attempt++)
        {
            await next(context);
            var error = context.Features.Get<IForwarderErrorFeature>();
            if (error is null)
            {
                return;
            }

            if (!idempotent || context.Response.HasStarted || attempt == 3)
            {
                retries.Enqueue($"NOT RETRIED: {context.Request.Method} {context.Request.Path} on {proxy.ProxiedDestination?.DestinationId}: {error.Error} {error.Exception?.GetBaseException().Message}");
                return;
            }

            // Any other instance, even one the health checks have not yet seen come back: the one that failed is
            // the only one known to be down.
            var failed = proxy.ProxiedDestination;
            tried.Add(failed);
            candidates = proxy.AllDestinations.Where(destination => !tried.Contains(destination)).ToList();
            if (candidates.Count == 0)
            {
                retries.Enqueue($"NOT RETRIED (no other instance): {context.Request.Method} {context.Request.Path} on {failed?.DestinationId}: {error.Error} {error.Exception?.GetBaseException().Message}");
                return;
            }

            retries.Enqueue($"{context.Request.Method} {context.Request.Path} on {failed?.DestinationId}: {error.Error} {error.Exception?.GetBaseException().Message}");
            context.Features.Set<IForwarderErrorFeature>(null);
            context.Response.Clear();
            proxy.AvailableDestinations = candidates;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _web.StopAsync();
        await _web.DisposeAsync();
    }
}
