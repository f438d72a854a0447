using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Micro.Hosting;

namespace Micro.Security;

/// <summary>
/// Checks CSRF tokens with ASP.NET Core Antiforgery before any before-request hook runs, as Flask-WTF's
/// <c>CSRFProtect</c> does. Written by hand rather than with the platform's antiforgery middleware because that one
/// only checks endpoints that bind form parameters and leaves the rejection to parameter binding, while Micro
/// handlers read forms through <see cref="Request.FormAsync"/>: the decision is made here, for every route unless
/// opted out, and the platform is told so (<see cref="MarkRoutes"/>).
/// </summary>
internal static partial class CsrfProtection
{
    /// <summary>Throws a 400 <see cref="HttpException"/> when an unsafe request lacks a valid token.</summary>
    public static ValueTask ValidateAsync(HttpContext context, MicroContext micro)
    {
        var method = context.Request.Method;
        if (micro.Route is not { } route || HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method))
        {
            return ValueTask.CompletedTask;
        }

        // Form posts are checked (url-encoded and multipart, as the platform's antiforgery does). A JSON API
        // cannot be posted to from another site unless CORS allows it; a text/plain body is no form and no JSON
        // to Micro (Request.JsonAsync answers 415); and a bodiless cross-site POST carries no session cookie,
        // which is SameSite=Lax.
        if (!IsFormPost(context.Request.ContentType))
        {
            return ValueTask.CompletedTask;
        }

        if (IsOptedOut(route.AspNetEndpoint.Metadata) || CsrfExemptions.Contains(route.Scopes))
        {
            return ValueTask.CompletedTask;
        }

        return CheckAsync(context);
    }

    // DisableCsrf() and the platform's DisableAntiforgery() add "not required"; the metadata that counts is the
    // last one before Micro's own marker.
    private static bool IsOptedOut(EndpointMetadataCollection metadata)
    {
        var all = metadata.GetOrderedMetadata<IAntiforgeryMetadata>();
        for (var i = all.Count - 1; i >= 0; i--)
        {
            if (all[i] is not CheckedByMicro)
            {
                return !all[i].RequiresValidation;
            }
        }

        return false;
    }

    /// <summary>
    /// Tells the platform, before the endpoints are built, that Micro checks its routes itself. Otherwise a handler
    /// binding a form parameter gets the platform's antiforgery metadata, and the endpoint middleware, the form
    /// reader and parameter binding each insist on the platform's antiforgery middleware having decided first.
    /// </summary>
    public static void MarkRoutes(Scaffold scope)
    {
        foreach (var route in scope.Routes)
        {
            // Added last, after the user's conventions, so it is what the platform reads.
            route.Conventions.Add(endpoint => endpoint.Metadata.Add(CheckedByMicro.Instance));
        }

        foreach (var (child, _, _) in scope.Blueprints)
        {
            MarkRoutes(child);
        }
    }

    public static string Token(HttpContext context) =>
        context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context).RequestToken!;

    public static string FieldName(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.FormFieldName;

    private static async ValueTask CheckAsync(HttpContext context)
    {
        var services = context.RequestServices;
        if (!services.GetRequiredService<IOptions<MicroCsrfOptions>>().Value.Enabled)
        {
            return;
        }

        // Read the form the way handlers do, so a malformed or oversized body is a 400/413, not a 500.
        var form = await Request.For(context).FormAsync().ConfigureAwait(false);
        string failure;
        try
        {
            await services.GetRequiredService<IAntiforgery>().ValidateRequestAsync(context).ConfigureAwait(false);
            return;
        }
        catch (AntiforgeryValidationException error)
        {
            failure = error.Message;
        }

        var options = services.GetRequiredService<IOptions<AntiforgeryOptions>>().Value;
        var sent = !string.IsNullOrEmpty(form[options.FormFieldName]) || (options.HeaderName is { } header && !string.IsNullOrEmpty(context.Request.Headers[header]));
        Log.Rejected(services.GetRequiredService<ILoggerFactory>().CreateLogger("Micro.Csrf"), context.Request.Method, context.Request.Path, failure);
        throw new HttpException(400, sent
            ? "The CSRF token is invalid: it does not match this browser's CSRF cookie (the cookie is missing or the token was issued to someone else). Reload the form and try again."
            : $"The CSRF token is missing. Forms that post must include Csrf.HiddenField(request) (a hidden '{options.FormFieldName}' field); scripts may send the token in the '{options.HeaderName}' header.");
    }

    private static bool IsFormPost(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return false;
        }

        var mediaType = contentType.AsSpan();
        var semicolon = mediaType.IndexOf(';');
        mediaType = (semicolon < 0 ? mediaType : mediaType[..semicolon]).Trim();
        return mediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
            || mediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The platform's "no validation" metadata, recognisable as Micro's rather than the user's opt-out.</summary>
    private sealed class CheckedByMicro : IAntiforgeryMetadata
    {
        public static readonly CheckedByMicro Instance = new();

        public bool RequiresValidation => false;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "CSRF check failed for {Method} {Path}: {Reason}")]
        public static partial void Rejected(ILogger logger, string method, PathString path, string reason);
    }
}
