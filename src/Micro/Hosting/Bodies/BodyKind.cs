using Microsoft.AspNetCore.Http;

namespace Micro.Hosting.Bodies;

/// <summary>
/// How one kind of <see cref="Response.Body"/> is made ready and written, like ASP.NET Core's <see cref="IResult"/>.
/// <see cref="PrepareAsync"/> runs inside the dispatcher, before anything is sent, and does what can fail (render the
/// template, find the file, serialize the JSON, produce the first chunk), so failures reach the error handlers;
/// <see cref="WriteAsync"/> writes. One stateless instance per kind: choosing one allocates nothing.
/// </summary>
internal abstract class BodyKind
{
    /// <summary>Gets the kind of <paramref name="body"/>: the one place a body's type is looked at.</summary>
    public static BodyKind Of(object? body) => body switch
    {
        null => EmptyBody.Instance,
        string => TextBody.Instance,
        byte[] => BytesBody.Instance,
        TemplateRender => TemplateBody.Instance,
        Files.FileSender => FileBody.Instance,
        IResult => ResultBody.Instance,
        Stream => StreamBody.Instance,
        IAsyncEnumerable<string> => ChunkedBody.Instance,
        _ => JsonBody.Instance,
    };

    /// <summary>Does now what may fail, before the response starts; may replace the body (a template becomes its HTML).</summary>
    public virtual ValueTask PrepareAsync(Response response, HttpContext context) => default;

    /// <summary>Writes the body (only headers for HEAD); status, headers and cookies are already set.</summary>
    public abstract Task WriteAsync(Response response, HttpContext context, bool head);

    /// <summary>Gets whether the body sets the status itself when the response's is 200 (an <see cref="IResult"/>).</summary>
    public virtual bool OwnsStatus => false;
}
