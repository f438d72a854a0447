using Microsoft.AspNetCore.Builder;
using Micro.Hosting;
using Micro.Security;

namespace Micro;

/// <summary>
/// CSRF protection on ASP.NET Core Antiforgery, as Flask-WTF's <c>CSRFProtect</c>. Every POST, PUT, PATCH and DELETE
/// (every method but GET, HEAD, OPTIONS and TRACE) must carry the token, whatever its body (a form, JSON,
/// <c>text/plain</c> or none): in the <c>csrf_token</c> form field, or in the <c>X-CSRFToken</c> (or
/// <c>X-CSRF-Token</c>) header for scripts; otherwise the answer is 400 and the failure is logged. A token is bound
/// to the session it was issued in: it is refused with another session, and after <see cref="Session.Clear"/>
/// (logout, login). Opt a route out with <see cref="DisableCsrf{TBuilder}(TBuilder)"/>, a blueprint with
/// <see cref="DisableCsrf(Blueprint)"/>, or everything with <see cref="MicroCsrfOptions.Enabled"/>.
/// </summary>
/// <example>
/// <code>
/// app.Get("/comment", (Request request) =&gt;
///     $"&lt;form method=post&gt;{Csrf.HiddenField(request)}&lt;textarea name=text&gt;&lt;/textarea&gt;&lt;button&gt;Send&lt;/button&gt;&lt;/form&gt;");
/// app.Post("/api/hook", () =&gt; "ok").DisableCsrf();
/// </code>
/// </example>
public static class Csrf
{
    private static readonly Microsoft.AspNetCore.Antiforgery.RequireAntiforgeryTokenAttribute NotRequired = new(required: false);

    /// <summary>
    /// Gets the CSRF token for a form in this response (Flask-WTF's <c>generate_csrf()</c>, the templates'
    /// <c>csrf_token()</c>), setting the CSRF cookie it pairs with and, the first time in a session, the session's
    /// <c>csrf_token</c> value that binds it (as Flask-WTF does).
    /// </summary>
    /// <param name="request">The current request.</param>
    /// <returns>The token; the same one for every call in a request.</returns>
    public static string Token(Request request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return CsrfProtection.Token(request.HttpContext);
    }

    /// <summary>Gets a hidden form field holding the token: <c>&lt;input type="hidden" name="csrf_token" value="..."&gt;</c>.</summary>
    /// <param name="request">The current request.</param>
    /// <returns>The HTML, to place inside a <c>&lt;form method="post"&gt;</c>.</returns>
    public static string HiddenField(Request request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var token = CsrfProtection.Token(request.HttpContext);
        var name = CsrfProtection.FieldName(request.HttpContext);
        return $"<input type=\"hidden\" name=\"{Micro.Templates.Markup.EscapeText(name)}\" value=\"{Micro.Templates.Markup.EscapeText(token)}\">";
    }

    /// <summary>Turns CSRF checks off for a route (Flask-WTF's <c>@csrf.exempt</c>), e.g. a webhook called by another server.</summary>
    /// <typeparam name="TBuilder">The builder type.</typeparam>
    /// <param name="builder">What <c>app.Post(...)</c> returned.</param>
    /// <returns>The builder.</returns>
    public static TBuilder DisableCsrf<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        // The platform's own opt-out metadata, so its antiforgery middleware and form binding agree.
        return builder.DisableAntiforgery();
    }

    /// <summary>
    /// Turns CSRF checks off for every route of a blueprint and of the blueprints inside it (Flask-WTF's
    /// <c>csrf.exempt(blueprint)</c>), including routes added after the call. A route of the blueprint opts back in with
    /// <c>.WithMetadata(new RequireAntiforgeryTokenAttribute())</c>.
    /// </summary>
    /// <param name="blueprint">The blueprint, e.g. a JSON API.</param>
    /// <returns>The blueprint.</returns>
    public static Blueprint DisableCsrf(this Blueprint blueprint)
    {
        ArgumentNullException.ThrowIfNull(blueprint);

        // Endpoint metadata added by a blueprint convention, before each route's own conventions, so a route can still opt
        // back in. Not the platform's DisableAntiforgery(): it is a Finally convention, which no route could override.
        blueprint.Add(endpoint => endpoint.Metadata.Add(NotRequired));
        return blueprint;
    }
}
