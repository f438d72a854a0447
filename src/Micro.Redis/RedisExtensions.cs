using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Micro.Redis;

/// <summary>
/// Runs a Micro site on several instances behind a load balancer: the Data Protection key ring (which signs and
/// encrypts session cookies and CSRF tokens) and server-side sessions live in one Redis, so any instance can
/// answer any request.
/// </summary>
public static class RedisExtensions
{
    /// <summary>
    /// Keeps the key ring in Redis (under <c>{ApplicationName}:DataProtection-Keys</c>), makes Redis the app's
    /// <see cref="IDistributedCache"/> (keys prefixed <c>{ApplicationName}:</c>) and keeps sessions server-side in it
    /// (<c>Session:ServerSide</c> becomes <see langword="true"/> unless configuration sets it). The connection does
    /// not fail startup when Redis is down, gives up on a command after 2 seconds (a request that needs Redis while it
    /// is unreachable gets a 503 page and one log line) and reconnects by itself every second.
    /// </summary>
    /// <param name="app">The app.</param>
    /// <param name="configuration">
    /// A StackExchange.Redis configuration string, e.g. <c>127.0.0.1:6379</c> or
    /// <c>redis1:6379,redis2:6379,password=...,ssl=true</c>; <c>connectTimeout</c>, <c>syncTimeout</c> and
    /// <c>asyncTimeout</c> in it override the 2-second defaults.
    /// </param>
    /// <returns>The app, for chaining.</returns>
    public static MicroApp AddRedis(this MicroApp app, string configuration)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentException.ThrowIfNullOrWhiteSpace(configuration);
        var options = ConnectionOptions(configuration);
        var prefix = app.Environment.ApplicationName + ":";
        var services = app.Services;

        // One connection for the key ring and the sessions, opened on first use (so a command such as init-db never
        // connects) and closed by the container when the host stops.
        services.TryAddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));

        // Registered after Micro's own key-ring setup (DataProtection:KeysFolder), so Redis wins.
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(provider => new ConfigureOptions<KeyManagementOptions>(keys =>
            keys.XmlRepository = new RedisXmlRepository(() => provider.GetRequiredService<IConnectionMultiplexer>().GetDatabase(), prefix + "DataProtection-Keys")));

        services.Replace(ServiceDescriptor.Singleton<IDistributedCache>(provider =>
        {
            var cache = new RedisCache(Options.Create(new RedisCacheOptions
            {
                InstanceName = prefix,
                ConnectionMultiplexerFactory = () => Task.FromResult(provider.GetRequiredService<IConnectionMultiplexer>()),
            }));
            return new UnavailableAs503(cache, provider.GetRequiredService<ILoggerFactory>().CreateLogger("Micro.Redis"));
        }));

        // Sessions in Redis are what make logging out on one instance end the session on all of them; a site that
        // wants cookie sessions anyway says Session:ServerSide = false.
        var serverSide = app.Configuration["Session:ServerSide"];
        if (string.IsNullOrEmpty(serverSide))
        {
            services.Configure<MicroSessionOptions>(session => session.ServerSide = true);
        }

        return app;
    }

    /// <summary>The configuration string, with the settings a web site needs unless it names them itself.</summary>
    internal static ConfigurationOptions ConnectionOptions(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);

        // A site must start, and keep answering pages that need no Redis, while Redis is down; it reconnects by itself.
        options.AbortOnConnectFail = false;
        options.ReconnectRetryPolicy = new LinearRetry(1000);

        // StackExchange.Redis waits 5 s by default: a request waiting that long on a lost Redis holds a connection
        // and a thread of the proxy in front; 2 s is a lot for a session read on a LAN.
        if (!Names(configuration, "connectTimeout"))
        {
            options.ConnectTimeout = 2000;
        }

        if (!Names(configuration, "syncTimeout"))
        {
            options.SyncTimeout = 2000;
        }

        if (!Names(configuration, "asyncTimeout"))
        {
            options.AsyncTimeout = 2000;
        }

        return options;
    }

    private static bool Names(string configuration, string setting) =>
        configuration.Split(',').Any(part => part.Trim().StartsWith(setting + "=", StringComparison.OrdinalIgnoreCase));
}
