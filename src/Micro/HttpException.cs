using System.Reflection;
using Microsoft.AspNetCore.Http;
using Micro.Hosting;

namespace Micro;

/// <summary>
/// An HTTP error to answer with, like Werkzeug's <c>HTTPException</c>: throw it (or call
/// <see cref="Responses.Abort(int, string?)"/>) anywhere in a request and Micro renders the error page or
/// the error handler registered for <see cref="StatusCode"/>.
/// </summary>
public class HttpException : Exception
{
    /// <summary>Creates an HTTP error.</summary>
    /// <param name="statusCode">The status code, 400–599 (or 3xx for routing redirects).</param>
    /// <param name="description">The text shown on the error page; defaults to the standard description.</param>
    public HttpException(int statusCode, string? description = null)
        : base(description ?? ErrorPage.Describe(statusCode))
    {
        StatusCode = statusCode;
        Description = description ?? ErrorPage.Describe(statusCode);
    }

    /// <summary>Creates an HTTP error caused by another exception.</summary>
    /// <param name="statusCode">The status code.</param>
    /// <param name="description">The text shown on the error page.</param>
    /// <param name="innerException">The cause.</param>
    public HttpException(int statusCode, string description, Exception innerException)
        : base(description, innerException)
    {
        StatusCode = statusCode;
        Description = description;
    }

    /// <summary>Gets the status code.</summary>
    public int StatusCode { get; }

    /// <summary>Gets the status code's reason phrase, e.g. <c>Not Found</c>.</summary>
    public string Name => ErrorPage.ReasonPhrase(StatusCode);

    /// <summary>Gets the text shown on the error page.</summary>
    public string Description { get; }

    /// <summary>Gets the headers the error response carries (e.g. <c>Allow</c> on 405).</summary>
    public IHeaderDictionary Headers { get; } = new HeaderDictionary();

    /// <summary>Binds the error being handled to an error handler's parameter; used by ASP.NET Core parameter binding.</summary>
    /// <param name="context">The current request.</param>
    /// <param name="parameter">The parameter being bound.</param>
    /// <returns>The error being handled, or <see langword="null"/> outside an error handler.</returns>
    public static ValueTask<HttpException?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ValueTask.FromResult(MicroContext.Get(context)?.CurrentError as HttpException);
    }
}
