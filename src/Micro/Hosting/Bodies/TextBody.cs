using System.Text;
using Microsoft.AspNetCore.Http;

namespace Micro.Hosting.Bodies;

/// <summary>A string: HTML unless the response says otherwise (Flask's default), encoded as UTF-8.</summary>
internal sealed class TextBody : BodyKind
{
    public static readonly TextBody Instance = new();

    public override Task WriteAsync(Response response, HttpContext context, bool head)
    {
        var http = context.Response;
        var text = (string)response.Body!;
        http.ContentType = response.ContentType ?? "text/html; charset=utf-8";

        // Encode straight into the response pipe: no intermediate byte array.
        http.ContentLength = Encoding.UTF8.GetByteCount(text);
        if (head)
        {
            return Task.CompletedTask;
        }

        Encoding.UTF8.GetBytes(text, http.BodyWriter);
        return http.BodyWriter.FlushAsync().AsTask();
    }
}
