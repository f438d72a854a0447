using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.LoadBalancing;
using Yarp.ReverseProxy.Model;

// The load balancer of benchmarks/scale-out.sh: YARP round-robin over the instances named by --Destinations
// (comma-separated URLs), with the settings docs/deploying.md gives and tests/Micro.ScaleOut.Tests uses: an active
// health check every half second, and a retry on another instance for an idempotent request that failed before any
// response came back. Usage: dotnet ScaleOut.Proxy.dll --urls http://127.0.0.1:5800 --Destinations http://127.0.0.1:5801,http://127.0.0.1:5802
var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var destinations = (builder.Configuration["Destinations"] ?? throw new InvalidOperationException("--Destinations is required"))
    .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
RouteConfig[] routes = [new() { RouteId = "site", ClusterId = "site", Match = new RouteMatch { Path = "{**path}" } }];
ClusterConfig[] clusters =
[
    new()
    {
        ClusterId = "site",
        LoadBalancingPolicy = LoadBalancingPolicies.RoundRobin,
        Destinations = destinations.Select((address, i) => (Name: $"instance{i + 1}", Address: address))
            .ToDictionary(destination => destination.Name, destination => new DestinationConfig { Address = destination.Address }),
        HealthCheck = new HealthCheckConfig
        {
            Active = new ActiveHealthCheckConfig
            {
                Enabled = true,
                Interval = TimeSpan.FromMilliseconds(500),
                Timeout = TimeSpan.FromSeconds(2),
                Policy = HealthCheckConstants.ActivePolicy.ConsecutiveFailures,
                Path = builder.Configuration["HealthPath"] ?? "/",
            },
        },
    },
];
builder.Services.AddReverseProxy().LoadFromMemory(routes, clusters);

var app = builder.Build();
app.MapReverseProxy(pipeline =>
{
    pipeline.Use(async (context, next) =>
    {
        // One more try on another instance for GET/HEAD/OPTIONS that failed before any response (instance stopping).
        var proxy = context.GetReverseProxyFeature();
        var idempotent = HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method);
        var tried = new HashSet<DestinationState?>();
        while (true)
        {
            await next(context);
            if (context.Features.Get<IForwarderErrorFeature>() is null || !idempotent || context.Response.HasStarted)
            {
                return;
            }

            tried.Add(proxy.ProxiedDestination);
            var others = proxy.AllDestinations.Where(destination => !tried.Contains(destination)).ToList();
            if (others.Count == 0)
            {
                return;
            }

            context.Features.Set<IForwarderErrorFeature>(null);
            context.Response.Clear();
            proxy.AvailableDestinations = others;
        }
    });
    pipeline.UseSessionAffinity();
    pipeline.UseLoadBalancing();
});
app.Run();
