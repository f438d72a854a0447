using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Micro.Hosting;

namespace Micro.Sessions;

/// <summary>
/// Opens and saves the session (Flask's <c>SessionInterface</c>): from and into the cookie, or into an
/// <see cref="IDistributedCache"/> with only a protected id in the cookie. Written by hand rather than on
/// ASP.NET Core's session middleware because that one always needs a server-side store, is loaded
/// for every request, and has neither Flask's "save only when modified" nor permanent-session rules.
/// </summary>
internal sealed partial class SessionInterface
{
    private const string CacheKeyPrefix = "micro:session:";
    private readonly MicroSessionOptions _options;
    private readonly ITimeLimitedDataProtector _protector;
    private readonly IServiceProvider _services;
    private readonly IHostEnvironment _environment;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public SessionInterface(IOptions<MicroSessionOptions> options, IDataProtectionProvider provider, IServiceProvider services, IHostEnvironment environment, ILoggerFactory loggers)
    {
        _options = options.Value;
        _protector = SessionCookieCodec.Protector(provider);
        _services = services;
        _environment = environment;
        _time = services.GetService<TimeProvider>() ?? TimeProvider.System;
        _logger = loggers.CreateLogger("Micro.Sessions");
        if (_options.ServerSide && !environment.IsDevelopment() && services.GetService<IDistributedCache>() is MemoryDistributedCache)
        {
            // Silent until a second instance or a restart loses every session: say so once.
            Log.InMemoryStore(_logger);
        }
    }

    private string CookieName => _options.Cookie.Name ?? "session";

    /// <summary>Gets the request's session, opening it on first use.</summary>
    public static async ValueTask<Session> GetAsync(HttpContext context)
    {
        var micro = MicroContext.Get(context) ?? throw new InvalidOperationException("This request is not handled by Micro, so it has no session.");
        if (micro.Session is { } open)
        {
            return open;
        }

        Session session;
        try
        {
            session = await context.RequestServices.GetRequiredService<SessionInterface>().OpenAsync(context).ConfigureAwait(false);
        }
        catch
        {
            // The store failed (e.g. Redis unreachable: an HttpException 503): the request answers that error, and
            // saving must not reach the store again, which would turn it into a 500 and log it twice.
            micro.SessionFailed = true;
            throw;
        }

        return micro.Session ??= session;
    }

    /// <summary>
    /// Saves the session into <paramref name="response"/> as Flask's <c>save_session</c> does: deletes the cookie
    /// of a session emptied in this request, adds <c>Vary: Cookie</c> when it was accessed, and writes it only when
    /// modified (or, when permanent, to refresh its expiry).
    /// </summary>
    public static ValueTask SaveAsync(HttpContext context, Response response)
    {
        var micro = MicroContext.Get(context);
        if (micro?.Session is null && !context.Request.Headers.ContainsKey(HeaderNames.Cookie))
        {
            // Nothing opened and no cookie to refresh: the common case costs nothing.
            return ValueTask.CompletedTask;
        }

        return context.RequestServices.GetRequiredService<SessionInterface>().SaveCoreAsync(context, micro, response);
    }

    private async ValueTask<Session> OpenAsync(HttpContext context)
    {
        var cookie = FirstCookie.Get(context.Request, CookieName);
        if (string.IsNullOrEmpty(cookie))
        {
            return Session.Empty();
        }

        var payload = SessionCookieCodec.Unprotect(_protector, cookie, out var reason);
        if (payload is null)
        {
            Log.Refused(_logger, CookieName, reason!);
            return Session.Empty();
        }

        string? id = null;
        if (_options.ServerSide)
        {
            id = WebEncoders.Base64UrlEncode(payload);
            payload = await Cache.GetAsync(CacheKeyPrefix + id, context.RequestAborted).ConfigureAwait(false);
            if (payload is null)
            {
                Log.Refused(_logger, CookieName, "no such session in the cache (expired or removed)");
                return Session.Empty();
            }
        }

        if (SessionValues.Parse(payload) is not { } values)
        {
            Log.Refused(_logger, CookieName, "the payload is not a JSON object");
            return Session.Empty();
        }

        return new Session(values, isNew: false, id);
    }

    private IDistributedCache Cache => _services.GetRequiredService<IDistributedCache>();

    private async ValueTask SaveCoreAsync(HttpContext context, MicroContext? micro, Response response)
    {
        var session = micro?.Session;
        if (session is null)
        {
            if (micro is { SessionFailed: true })
            {
                return;
            }

            // Flask opens the session on every request, so an untouched permanent session is still refreshed.
            if (micro is null || !_options.RefreshEachRequest || !context.Request.Cookies.ContainsKey(CookieName))
            {
                return;
            }

            session = micro.Session = await OpenAsync(context).ConfigureAwait(false);
            if (!session.Permanent)
            {
                return;
            }
        }

        if (session.RetiredStoreId is { } retired)
        {
            // Cleared in this request: the old id names nothing any more.
            await Cache.RemoveAsync(CacheKeyPrefix + retired, context.RequestAborted).ConfigureAwait(false);
        }

        var now = _time.GetUtcNow();
        var cookie = _options.Cookie.Build(context, now);
        cookie.MaxAge = null;
        if (session.Values.Count == 0)
        {
            if (session.Modified)
            {
                if (session.StoreId is { } oldId)
                {
                    await Cache.RemoveAsync(CacheKeyPrefix + oldId, context.RequestAborted).ConfigureAwait(false);
                }

                cookie.Expires = DateTimeOffset.UnixEpoch;
                response.SetCookie(CookieName, "", cookie);
                AddVaryCookie(response);
            }

            return;
        }

        if (session.Accessed)
        {
            AddVaryCookie(response);
        }

        var permanent = session.Permanent;
        if (!session.Modified && !(permanent && _options.RefreshEachRequest))
        {
            return;
        }

        var expiration = now + _options.Lifetime;
        cookie.Expires = permanent ? expiration : null;
        var json = SessionValues.Serialize((Dictionary<string, object?>)session.Values);
        string value;
        if (_options.ServerSide)
        {
            // The id is random and Clear() retires the old one, so a new login never reuses an old session's id.
            var id = session.StoreId ??= WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
            var entry = new DistributedCacheEntryOptions { AbsoluteExpiration = expiration };
            await Cache.SetAsync(CacheKeyPrefix + id, json, entry, context.RequestAborted).ConfigureAwait(false);
            value = SessionCookieCodec.Protect(_protector, WebEncoders.Base64UrlDecode(id), expiration);
        }
        else
        {
            value = SessionCookieCodec.Protect(_protector, json, expiration);
        }

        var size = new SetCookieHeaderValue(CookieName, value)
        {
            Domain = cookie.Domain,
            Path = cookie.Path,
            Expires = cookie.Expires,
            Secure = cookie.Secure,
            HttpOnly = cookie.HttpOnly,
            SameSite = (Microsoft.Net.Http.Headers.SameSiteMode)cookie.SameSite,
        }.ToString().Length;
        if (size > _options.MaxCookieSize)
        {
            // Flask only warns and the browser silently drops the cookie; we refuse to lose data quietly.
            if (_environment.IsDevelopment())
            {
                throw new InvalidOperationException($"The session cookie would be {size} bytes, over the {_options.MaxCookieSize}-byte limit browsers keep, so the session would be lost. Store less in the session (ids rather than objects) or keep sessions server-side (Session:ServerSide = true).");
            }

            // Not sent: the browser would drop it anyway, and its previous cookie stays valid.
            Log.TooLarge(_logger, size, _options.MaxCookieSize);
            return;
        }

        response.SetCookie(CookieName, value, cookie);
        AddVaryCookie(response);
    }

    private static void AddVaryCookie(Response response)
    {
        var vary = response.Headers.Vary;
        foreach (var item in vary)
        {
            if (item is not null && item.Split(',').Any(part => part.Trim().Equals("Cookie", StringComparison.OrdinalIgnoreCase)))
            {
                return;
            }
        }

        response.Headers.Vary = Microsoft.Extensions.Primitives.StringValues.Concat(vary, "Cookie");
    }

    private static partial class Log
    {
        [LoggerMessage(3, LogLevel.Warning, "Sessions are kept server-side in an in-memory cache: they are lost on restart and not shared between instances. Register a shared IDistributedCache (Redis, SQL Server...).")]
        public static partial void InMemoryStore(ILogger logger);

        [LoggerMessage(1, LogLevel.Information, "The session cookie '{CookieName}' was refused ({Reason}); the request gets an empty session.")]
        public static partial void Refused(ILogger logger, string cookieName, string reason);

        [LoggerMessage(2, LogLevel.Error, "The session cookie is {Size} bytes, over the {Limit}-byte limit browsers keep, so it was not sent and this request's session changes are lost. Store less in the session or keep sessions server-side (Session:ServerSide = true).")]
        public static partial void TooLarge(ILogger logger, int size, int limit);
    }
}
