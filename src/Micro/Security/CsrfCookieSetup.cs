using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Micro.Security;

/// <summary>
/// Gives the CSRF cookie the session cookie's sense: <c>Secure</c> whenever the session cookie is (over HTTPS by
/// default, always with <c>Session:Cookie:SecurePolicy = Always</c>), the same <c>SameSite</c>, and
/// <c>HttpOnly</c>. The platform's default is never <c>Secure</c>, and <c>SameSite=Strict</c> beside a <c>Lax</c>
/// session would make a visitor arriving from a link get a fresh CSRF cookie while the session is kept. Runs
/// before the app's own <c>Configure&lt;AntiforgeryOptions&gt;</c>, which can still change any of it.
/// </summary>
internal sealed class CsrfCookieSetup(IOptions<MicroSessionOptions> sessions) : IConfigureOptions<AntiforgeryOptions>
{
    public void Configure(AntiforgeryOptions options)
    {
        var session = sessions.Value.Cookie;
        var platform = options.Cookie;
        options.Cookie = new CsrfCookieBuilder(session.SecurePolicy)
        {
            Name = platform.Name,
            Domain = platform.Domain,
            Path = platform.Path,
            HttpOnly = true,
            IsEssential = platform.IsEssential,
            SameSite = session.SameSite,

            // The platform refuses every form over plain HTTP when this is Always (a site behind a TLS proxy without
            // forwarded headers); Secure is added in Build instead, as the session cookie has it.
            SecurePolicy = session.SecurePolicy == CookieSecurePolicy.None ? CookieSecurePolicy.None : CookieSecurePolicy.SameAsRequest,
        };
    }

    private sealed class CsrfCookieBuilder(CookieSecurePolicy sessionPolicy) : CookieBuilder
    {
        public override CookieOptions Build(HttpContext context, DateTimeOffset expiresFrom)
        {
            var cookie = base.Build(context, expiresFrom);
            cookie.Secure |= sessionPolicy == CookieSecurePolicy.Always;
            return cookie;
        }
    }
}
