namespace Micro;

/// <summary>
/// CSRF protection settings, bound from the <c>Csrf</c> configuration section. The token's form field
/// (<c>csrf_token</c>), header (<c>X-CSRFToken</c>) and cookie are ASP.NET Core's <c>AntiforgeryOptions</c>.
/// </summary>
public sealed class MicroCsrfOptions
{
    /// <summary>Gets or sets whether unsafe requests are checked (Flask-WTF's <c>WTF_CSRF_ENABLED</c>); turn it off in tests that post forms without a token.</summary>
    public bool Enabled { get; set; } = true;
}
