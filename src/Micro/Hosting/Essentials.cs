using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Micro.Security;
using Micro.Sessions;

namespace Micro.Hosting;

/// <summary>
/// What every Micro app gets beyond routing: <c>MICRO_</c> environment variables, sessions on Data Protection,
/// CSRF on Antiforgery, a distributed cache for server-side sessions, and the options for each, bound from
/// configuration.
/// </summary>
internal static class Essentials
{
    /// <summary>Configuration key of a folder to keep the Data Protection key ring in (all instances must share it).</summary>
    public const string KeysFolderKey = "DataProtection:KeysFolder";

    public static void Add(WebApplicationBuilder builder)
    {
        AddPrefixedEnvironmentVariables(builder.Configuration);
        var services = builder.Services;
        services.AddOptions<MicroSessionOptions>().BindConfiguration("Session");
        services.AddOptions<MicroCsrfOptions>().BindConfiguration("Csrf");
        services.AddOptions<MicroStaticOptions>().BindConfiguration("Static");

        // One application name for every instance, so N instances sharing a key ring read each other's cookies
        // (the platform's default discriminator is the content root path, which differs between machines).
        services.AddDataProtection().SetApplicationName(builder.Environment.ApplicationName);

        // The platform also registers a hosted service that reads the key ring before the server starts listening.
        // Sessions and CSRF read it on first use anyway, so startup need not wait for that I/O (benchmarks/startup.sh).
        var preload = services.FirstOrDefault(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Name == "DataProtectionHostedService");
        if (preload is not null)
        {
            services.Remove(preload);
        }
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>, KeysFolderSetup>();

        // Flask-WTF's names, so forms and scripts ported from Flask keep working. Registered before the platform's
        // default so tokens are bound to the session; the cookie takes the session cookie's Secure and SameSite.
        services.AddSingleton<IAntiforgeryAdditionalDataProvider, CsrfSessionBinding>();
        services.AddAntiforgery(options =>
        {
            options.FormFieldName = "csrf_token";
            options.HeaderName = "X-CSRFToken";
        });
        services.AddSingleton<IConfigureOptions<AntiforgeryOptions>, CsrfCookieSetup>();
        services.AddDistributedMemoryCache();
        services.TryAddSingleton<SessionInterface>();
    }

    /// <summary>
    /// Adds <c>MICRO_</c>-prefixed environment variables (like Flask's <c>FLASK_</c> ones: <c>MICRO_SECRET_KEY</c>
    /// is <c>SECRET_KEY</c>, <c>MICRO_Session__Lifetime</c> is <c>Session:Lifetime</c>) above appsettings and
    /// plain environment variables and below the command line.
    /// </summary>
    private static void AddPrefixedEnvironmentVariables(IConfigurationBuilder configuration)
    {
        var source = new EnvironmentVariablesConfigurationSource { Prefix = "MICRO_" };
        var sources = configuration.Sources;
        var commandLine = -1;
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is CommandLineConfigurationSource)
            {
                commandLine = i;
                break;
            }
        }

        if (commandLine < 0)
        {
            sources.Add(source);
        }
        else
        {
            sources.Insert(commandLine, source);
        }
    }

    /// <summary>Keeps the key ring in <c>DataProtection:KeysFolder</c> when configured; code that sets a repository later wins.</summary>
    private sealed class KeysFolderSetup(IConfiguration configuration, IHostEnvironment environment, ILoggerFactory loggers) : IConfigureOptions<KeyManagementOptions>
    {
        public void Configure(KeyManagementOptions options)
        {
            if (configuration[KeysFolderKey] is { Length: > 0 } folder)
            {
                var directory = new DirectoryInfo(Path.GetFullPath(folder, environment.ContentRootPath));
                options.XmlRepository = new FileSystemXmlRepository(directory, loggers);
            }
        }
    }
}
