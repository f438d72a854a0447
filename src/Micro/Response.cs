using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Micro.Hosting;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

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
    public async Task ExecuteAsync(HttpContext httpContext)
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

        if (Body is IResult inner)
        {
            if (StatusCode != 200)
            {
                response.StatusCode = StatusCode;
            }

            await inner.ExecuteAsync(httpContext).ConfigureAwait(false);
            return;
        }

        response.StatusCode = StatusCode;
        var head = HttpMethods.IsHead(httpContext.Request.Method);
        switch (Body)
        {
            case null:
                if (ContentType is not null)
                {
                    response.ContentType = ContentType;
                }

                break;
            case string text:
                response.ContentType = ContentType ?? "text/html; charset=utf-8";
                await WriteTextAsync(response, text, head).ConfigureAwait(false);
                break;
            case byte[] bytes:
                response.ContentType = ContentType ?? "text/html; charset=utf-8";
                await WriteBytesAsync(response, bytes, head).ConfigureAwait(false);
                break;
            case Stream stream:
                response.ContentType = ContentType ?? "application/octet-stream";
                await using (stream.ConfigureAwait(false))
                {
                    if (!head)
                    {
                        await stream.CopyToAsync(response.Body, httpContext.RequestAborted).ConfigureAwait(false);
                    }
                }

                break;
            case IAsyncEnumerable<string> chunks:
                // Like a Flask generator: streamed as it is produced.
                response.ContentType = ContentType ?? "text/html; charset=utf-8";
                await foreach (var chunk in chunks.WithCancellation(httpContext.RequestAborted).ConfigureAwait(false))
                {
                    if (!head)
                    {
                        await response.WriteAsync(chunk, httpContext.RequestAborted).ConfigureAwait(false);
                        await response.Body.FlushAsync(httpContext.RequestAborted).ConfigureAwait(false);
                    }
                }

                break;
            case JsonBody json:
                await WriteJsonAsync(httpContext, json.Value, head).ConfigureAwait(false);
                break;
            default:
                await WriteJsonAsync(httpContext, Body, head).ConfigureAwait(false);
                break;
        }
    }

    private Task WriteJsonAsync(HttpContext httpContext, object? value, bool head)
    {
        var response = httpContext.Response;
        var contentType = ContentType ?? "application/json; charset=utf-8";
        if (head)
        {
            response.ContentType = contentType;
            return Task.CompletedTask;
        }

        // The app's JSON options, resolved once (RequestServices would open a DI scope per request).
        var options = MicroContext.Get(httpContext)?.Table.JsonOptions
            ?? httpContext.RequestServices.GetService<IOptions<JsonOptions>>()?.Value.SerializerOptions
            ?? JsonSerializerOptions.Web;
        return response.WriteAsJsonAsync(value, value?.GetType() ?? typeof(object), options, contentType, httpContext.RequestAborted);
    }

    /// <summary>A body sent as JSON whatever its type (strings and null included), from <see cref="Responses.Json"/>.</summary>
    internal sealed record JsonBody(object? Value);

    private static Task WriteTextAsync(HttpResponse response, string text, bool head)
    {
        // Encode straight into the response pipe: no intermediate byte array.
        response.ContentLength = Encoding.UTF8.GetByteCount(text);
        if (head)
        {
            return Task.CompletedTask;
        }

        Encoding.UTF8.GetBytes(text, response.BodyWriter);
        return response.BodyWriter.FlushAsync().AsTask();
    }

    private static Task WriteBytesAsync(HttpResponse response, byte[] bytes, bool head)
    {
        response.ContentLength = bytes.Length;
        return head ? Task.CompletedTask : response.Body.WriteAsync(bytes, 0, bytes.Length);
    }

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
