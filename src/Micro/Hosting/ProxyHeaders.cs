using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;

namespace Micro.Hosting;

/// <summary>
/// Flask's <c>ProxyFix</c>, on ASP.NET Core's ForwardedHeaders middleware, opt-in by configuration: with
/// <c>ForwardedHeaders:Headers</c> set (e.g. <c>XForwardedFor, XForwardedProto, XForwardedHost</c>), the request's
/// client address, scheme, host (and with <c>XForwardedPrefix</c> its path base) come from the proxy's
/// <c>X-Forwarded-*</c> headers, so redirects, <c>url_for(_external=True)</c> and <see cref="Request"/> use the
/// address the visitor typed. Only a proxy at a trusted address is believed: <c>ForwardedHeaders:KnownProxies</c>
/// (addresses) and <c>ForwardedHeaders:KnownNetworks</c> (CIDR) when set, else loopback only;
/// <c>ForwardedHeaders:ForwardLimit</c> is how many proxies to unwind (1, as ProxyFix's <c>x_for=1</c>);
/// <c>ForwardedHeaders:AllowedHosts</c> limits the hosts accepted from <c>X-Forwarded-Host</c>.
/// </summary>
internal static class ProxyHeaders
{
    /// <summary>The configuration section.</summary>
    public const string Section = "ForwardedHeaders";

    /// <summary>
    /// Adds the middleware when configured, first in the pipeline (before the request path is made Werkzeug's and
    /// before the log line); adds nothing at all when not, so a site not behind a proxy pays nothing per request.
    /// </summary>
    public static void UseIfConfigured(IApplicationBuilder pipeline, IConfiguration configuration)
    {
        if (Read(configuration.GetSection(Section)) is { } options)
        {
            pipeline.UseForwardedHeaders(options);
        }
    }

    /// <summary>The options the section describes, or <see langword="null"/> when it names no header to trust.</summary>
    internal static ForwardedHeadersOptions? Read(IConfigurationSection section)
    {
        var headers = section["Headers"];
        if (string.IsNullOrWhiteSpace(headers))
        {
            return null;
        }

        if (!Enum.TryParse<ForwardedHeaders>(headers, ignoreCase: true, out var trusted) || headers.Any(char.IsDigit))
        {
            throw new InvalidOperationException($"{Section}:Headers is '{headers}'; use a comma-separated list of XForwardedFor, XForwardedProto, XForwardedHost, XForwardedPrefix, or All, or None.");
        }

        if (trusted == ForwardedHeaders.None)
        {
            return null;
        }

        var options = new ForwardedHeadersOptions { ForwardedHeaders = trusted };
        if (section["ForwardLimit"] is { Length: > 0 } limit)
        {
            options.ForwardLimit = int.Parse(limit, System.Globalization.CultureInfo.InvariantCulture);
        }

        // The platform's defaults trust loopback only; a proxy on another machine must be named, and then only the
        // named ones are trusted (loopback included only if named).
        var proxies = Values(section.GetSection("KnownProxies")).ToList();
        var networks = Values(section.GetSection("KnownNetworks")).ToList();
        if (proxies.Count > 0 || networks.Count > 0)
        {
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
        }

        foreach (var proxy in proxies)
        {
            options.KnownProxies.Add(IPAddress.Parse(proxy));
        }

        foreach (var network in networks)
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        }

        foreach (var host in Values(section.GetSection("AllowedHosts")))
        {
            options.AllowedHosts.Add(host);
        }

        return options;
    }

    /// <summary>An array section (<c>KnownProxies:0</c>, <c>KnownProxies:1</c>...) or one comma-separated value.</summary>
    private static IEnumerable<string> Values(IConfigurationSection section)
    {
        var items = section.GetChildren().Select(child => child.Value).OfType<string>().ToList();
        if (section.Value is { } single)
        {
            items.AddRange(single.Split(','));
        }

        return items.Select(item => item.Trim()).Where(item => item.Length > 0);
    }
}
