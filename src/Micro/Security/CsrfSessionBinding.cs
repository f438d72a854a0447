using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Micro.Hosting;
using Micro.Sessions;

namespace Micro.Security;

/// <summary>
/// Binds every CSRF token to the session it was issued in, through the platform's documented hook for data a token
/// carries beyond its cookie. The session holds a random value under <c>csrf_token</c> (Flask-WTF's session key);
/// each token carries it, signed by Antiforgery, and is accepted only with a session holding the same value. So a
/// token is refused with another browser's session, and <see cref="Session.Clear"/> (logout, and login as Micro's
/// docs write it) retires every token issued before it.
/// </summary>
/// <remarks>
/// Not the platform's own binding to <c>HttpContext.User</c>: a Micro login is whatever the app keeps in the session,
/// and a visitor who has not logged in needs protecting too (login forms, sign-up forms).
/// </remarks>
internal sealed class CsrfSessionBinding : IAntiforgeryAdditionalDataProvider
{
    /// <summary>The session key, Flask-WTF's (<c>session['csrf_token']</c>).</summary>
    public const string SessionKey = "csrf_token";

    public string GetAdditionalData(HttpContext context)
    {
        if (MicroContext.Get(context) is null)
        {
            // Platform endpoints beside Micro's rules have no Micro session: their tokens stay as the platform makes them.
            return string.Empty;
        }

        var session = Open(context);

        // Read through the indexer: the page now depends on the session, so it varies by Cookie.
        if (session[SessionKey] is string { Length: > 0 } binding)
        {
            return binding;
        }

        binding = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        session[SessionKey] = binding;
        return binding;
    }

    public bool ValidateAdditionalData(HttpContext context, string additionalData)
    {
        if (MicroContext.Get(context) is null)
        {
            return additionalData.Length == 0;
        }

        // CsrfProtection opened the session before asking Antiforgery; the platform's own antiforgery check (an
        // endpoint mapped beside Micro's rules) may not have.
        return Of(Open(context)) is { } binding
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(binding), Encoding.UTF8.GetBytes(additionalData));
    }

    /// <summary>Gets the session's binding, or <see langword="null"/> when no token was issued since it began or was cleared.</summary>
    public static string? Of(Session session) => session.Values.GetValueOrDefault(SessionKey) as string is { Length: > 0 } binding ? binding : null;

    private static Session Open(HttpContext context)
    {
        // Handlers, hooks and templates usually opened it already. Otherwise a cookie session opens synchronously; a
        // server-side one may wait for its cache here, once, when a handler asks for a token without a Session
        // parameter (Csrf.Token is synchronous, as Flask-WTF's generate_csrf is).
        var pending = SessionInterface.GetAsync(context);
        return pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
    }
}
