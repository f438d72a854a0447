using System.Reflection;
using Microsoft.AspNetCore.Http;
using Micro.Hosting;
using Micro.Hosting.Bodies;

namespace Micro;

/// <summary>
/// A response as Flask's <c>Response</c>/<c>make_response</c> gives it: a body, a status, headers and cookies that
/// after-request hooks can still change. Handlers may return it; Micro converts every other return value into one.
/// </summary>
public sealed class Response : IResult
{
    private List<(string Name, string Value, CookieOptions Options)>? _cookies;

    /// <summary>Creates a response.</summary>
    /// <param name="body">A string (HTML by default), bytes, a stream, an <see cref="IResult"/>, or any other object (sent as JSON).</param>
    /// <param name="statusCode">The status code.</param>
    /// <param name="contentType">The content type; chosen from the body when <see langword="null"/>.</param>
    public Response(object? body = null, int statusCode = 200, string? contentType = null)
    {
        Body = body;
        StatusCode = statusCode;
        ContentType = contentType;
    }

    /// <summary>Gets or sets the body.</summary>
    public object? Body { get; set; }

    /// <summary>Gets or sets the status code.</summary>
    public int StatusCode { get; set; }

    /// <summary>Gets or sets the content type; <see langword="null"/> picks one from the body.</summary>
    public string? ContentType { get; set; }

    private HeaderDictionary? _headers;

    /// <summary>Gets the headers sent with the response.</summary>
    public IHeaderDictionary Headers => _headers ??= new HeaderDictionary();

    /// <summary>Sets a cookie on the response.</summary>
    /// <param name="name">The cookie name.</param>
    /// <param name="value">The value.</param>
    /// <param name="options">Path, domain, expiry, <c>HttpOnly</c>, <c>Secure</c>, <c>SameSite</c>; defaults to path <c>/</c>.</param>
    /// <returns>This response.</returns>
    public Response SetCookie(string name, string value, CookieOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        (_cookies ??= []).Add((name, value, options ?? new CookieOptions { Path = "/" }));
        return this;
    }

    /// <summary>Deletes a cookie by sending it expired.</summary>
    /// <param name="name">The cookie name.</param>
    /// <param name="path">The path it was set with.</param>
    /// <param name="domain">The domain it was set with.</param>
    /// <returns>This response.</returns>
    public Response DeleteCookie(string name, string path = "/", string? domain = null) =>
        SetCookie(name, "", new CookieOptions { Path = path, Domain = domain, Expires = DateTimeOffset.UnixEpoch, MaxAge = TimeSpan.Zero });

    /// <summary>Writes the response.</summary>
    /// <param name="httpContext">The request to answer.</param>
    /// <returns>A task that completes when the response is written.</returns>
    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        if (_headers is not null)
        {
            foreach (var (name, value) in _headers)
            {
                response.Headers[name] = value;
            }
        }

        if (_cookies is not null)
        {
            foreach (var (name, value, options) in _cookies)
            {
                response.Cookies.Append(name, value, options);
            }
        }

        var kind = BodyKind.Of(Body);
        if (!kind.OwnsStatus || StatusCode != 200)
        {
            response.StatusCode = StatusCode;
        }

        return kind.WriteAsync(this, httpContext, HttpMethods.IsHead(httpContext.Request.Method));
    }

    /// <summary>Does now what may fail before anything is sent (see <see cref="BodyKind.PrepareAsync"/>).</summary>
    internal ValueTask PrepareAsync(HttpContext context) => BodyKind.Of(Body).PrepareAsync(this, context);

    /// <summary>Gets or sets the serialized body (a pooled array) once prepared; <see cref="PreparedState"/> is the body it was made from.</summary>
    internal byte[]? Prepared { get; set; }

    internal int PreparedLength { get; set; }

    /// <summary>Gets or sets what a body kind keeps between preparing and writing: a streamed body's first read or chunk, the object a JSON body was serialized from.</summary>
    internal object? PreparedState { get; set; }

    /// <summary>Binds the response being finished to an after-request hook's parameter; used by ASP.NET Core parameter binding.</summary>
    /// <param name="context">The current request.</param>
    /// <param name="parameter">The parameter being bound.</param>
    /// <returns>The response in flight, or <see langword="null"/> outside an after-request hook.</returns>
    public static ValueTask<Response?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ValueTask.FromResult(MicroContext.Get(context)?.CurrentResponse);
    }
}
