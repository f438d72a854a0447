using Microsoft.AspNetCore.Http;

namespace Micro.Hosting.Bodies;

/// <summary>No body: a handler's <see langword="null"/> (204) or an automatic OPTIONS answer.</summary>
internal sealed class EmptyBody : BodyKind
{
    public static readonly EmptyBody Instance = new();

    public override Task WriteAsync(Response response, HttpContext context, bool head)
    {
        if (response.ContentType is { } contentType)
        {
            context.Response.ContentType = contentType;
        }

        return Task.CompletedTask;
    }
}
