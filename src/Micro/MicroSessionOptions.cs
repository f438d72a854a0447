using Microsoft.AspNetCore.Http;

namespace Micro;

/// <summary>
/// How the <see cref="Session"/> is kept, Flask's <c>SESSION_*</c> and <c>PERMANENT_SESSION_LIFETIME</c> settings.
/// Bound from the <c>Session</c> configuration section (<c>appsettings.json</c>, <c>MICRO_Session__Lifetime</c>...);
/// change it in code with <c>app.Services.Configure&lt;MicroSessionOptions&gt;(o =&gt; ...)</c>. Named with a
/// prefix so it never clashes with ASP.NET Core's own <c>SessionOptions</c>.
/// </summary>
public sealed class MicroSessionOptions
{
    /// <summary>
    /// Gets the session cookie's settings: name <c>session</c>, path <c>/</c>, <c>HttpOnly</c>,
    /// <c>SameSite=Lax</c>, and <c>Secure</c> whenever the request came over HTTPS
    /// (<c>SecurePolicy = Always</c> to require it). Configurable as <c>Session:Cookie:Name</c>, <c>...:Domain</c>...
    /// </summary>
    public CookieBuilder Cookie { get; } = new()
    {
        Name = "session",
        Path = "/",
        HttpOnly = true,
        SameSite = SameSiteMode.Lax,
        SecurePolicy = CookieSecurePolicy.SameAsRequest,
        IsEssential = true,
    };

    /// <summary>
    /// Gets or sets how long a session stays valid (Flask's <c>PERMANENT_SESSION_LIFETIME</c>, 31 days): a
    /// permanent session's cookie expires after it, and no session cookie older than it is accepted.
    /// </summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromDays(31);

    /// <summary>Gets or sets whether a permanent session's cookie is sent again on every request, so its lifetime slides (Flask's <c>SESSION_REFRESH_EACH_REQUEST</c>).</summary>
    public bool RefreshEachRequest { get; set; } = true;

    /// <summary>
    /// Gets or sets whether sessions are stored server-side in the registered <c>IDistributedCache</c> (Redis, SQL
    /// Server...), the cookie then carrying only a signed id: for large sessions, or to revoke them. An in-memory
    /// cache is used when none is registered, which only suits a single instance.
    /// </summary>
    public bool ServerSide { get; set; }

    /// <summary>
    /// Gets or sets the largest <c>Set-Cookie</c> header allowed (Werkzeug's <c>max_cookie_size</c>, 4093 bytes);
    /// browsers drop larger cookies. A larger session fails the request in Development; in other environments it is
    /// not sent (the request's session changes are lost) and an error is logged.
    /// </summary>
    public int MaxCookieSize { get; set; } = 4093;
}
