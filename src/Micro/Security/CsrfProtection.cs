using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Micro.Hosting;
using Micro.Sessions;

namespace Micro.Security;

/// <summary>
/// Checks CSRF tokens with ASP.NET Core Antiforgery before any before-request hook runs, as Flask-WTF's
/// <c>CSRFProtect</c> does: every request whose method is not safe (Flask-WTF's POST, PUT, PATCH and DELETE, and any
/// extension method) must carry a valid token, whatever its body: none, a form, JSON, <c>text/plain</c> (which a
/// plain HTML form can send cross-site). Tokens are bound to the session (<see cref="CsrfSessionBinding"/>).
/// Written by hand rather than with the platform's antiforgery middleware because that one only checks endpoints
/// that bind form parameters and leaves the rejection to parameter binding, while Micro handlers read forms through
/// <see cref="Request.FormAsync"/>: the decision is made here, for every route unless opted out, and the platform
/// is told so (<see cref="MarkRoutes"/>).
/// </summary>
internal static partial class CsrfProtection
{
    /// <summary>Flask-WTF's second header name (<c>WTF_CSRF_HEADERS</c>); the first is the platform's <c>HeaderName</c>.</summary>
    public const string AlternateHeaderName = "X-CSRF-Token";

    /// <summary>Throws a 400 <see cref="HttpException"/> when an unsafe request lacks a valid token.</summary>
    public static ValueTask ValidateAsync(HttpContext context, MicroContext micro)
    {
        var method = context.Request.Method;
        if (micro.Route is not { } route || HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method))
        {
            return ValueTask.CompletedTask;
        }

        // No exception for bodies that are not forms: a bodiless POST, and a text/plain one (an HTML form with
        // enctype="text/plain"), are sent cross-site by any page without script, and a JSON body is one fetch()
        // away from it once a CORS policy or a lax parser lets it through. Flask-WTF checks them all.
        if (IsOptedOut(route.AspNetEndpoint.Metadata))
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

        // Read the form the way handlers do, so a malformed or oversized body is a 400/413, not a 500; a body that
        // is not a form reads as an empty one, and its token can only come in a header.
        var form = await Request.For(context).FormAsync().ConfigureAwait(false);
        var session = await SessionInterface.GetAsync(context).ConfigureAwait(false);
        var options = services.GetRequiredService<IOptions<AntiforgeryOptions>>().Value;
        var headers = context.Request.Headers;
        if (options.HeaderName is { } header && StringValues.IsNullOrEmpty(headers[header]) && headers[AlternateHeaderName] is var alternate && !StringValues.IsNullOrEmpty(alternate))
        {
            // Antiforgery reads one header; scripts written for Flask-WTF may send either of its two.
            headers[header] = alternate;
        }

        string reason;
        string message;
        if (string.IsNullOrEmpty(form.Get(options.FormFieldName)) && (options.HeaderName is null || StringValues.IsNullOrEmpty(headers[options.HeaderName])))
        {
            reason = "no token in the form or the headers";
            message = $"The CSRF token is missing. Every {context.Request.Method} must carry it, whatever its body: in a template, put <input type=\"hidden\" name=\"{options.FormFieldName}\" value=\"{{{{ csrf_token() }}}}\"> inside the <form> (in C#, Csrf.HiddenField(request)); scripts send it in the '{options.HeaderName}' header.";
        }
        else if (CsrfSessionBinding.Of(session) is null)
        {
            reason = "the session holds no CSRF binding (new, expired or cleared)";
            message = "The CSRF session token is missing: the session expired or was reset (by logging in or out) after the form was loaded. Reload the form and try again.";
        }
        else
        {
            try
            {
                await services.GetRequiredService<IAntiforgery>().ValidateRequestAsync(context).ConfigureAwait(false);
                return;
            }
            catch (AntiforgeryValidationException error)
            {
                reason = error.Message;
                message = "The CSRF token is invalid: it was not issued to this browser's CSRF cookie and session (another browser's token, one from before a login, or a damaged one). Reload the form and try again.";
            }
        }

        Log.Rejected(services.GetRequiredService<ILoggerFactory>().CreateLogger("Micro.Csrf"), context.Request.Method, context.Request.Path, reason);
        throw new HttpException(400, message);
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
