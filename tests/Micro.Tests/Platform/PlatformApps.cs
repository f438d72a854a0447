using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Micro.Tests.Support;

namespace Micro.Tests.Platform;

/// <summary>Apps built before they start, so endpoints can be mapped on their <see cref="WebApplication"/>.</summary>
internal static class PlatformApps
{
    /// <summary>Creates an app on the test server and builds it; map on the returned <see cref="WebApplication"/>.</summary>
    public static (MicroApp App, WebApplication Web) Create(Action<MicroApp>? before = null, string environment = "Production", string? contentRoot = null)
    {
        var app = TestApps.Create(environment, contentRoot);
        app.Builder.WebHost.UseTestServer();
        before?.Invoke(app);
        return (app, app.Build());
    }
}

/// <summary>Authenticates a request that names its user in an <c>X-User</c> header.</summary>
internal sealed class HeaderAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string Name = "Header";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Request.Headers["X-User"] is not [{ } user])
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, user)], Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Name)));
    }
}
