using Microsoft.AspNetCore.Http;

namespace Micro.Hosting.Bodies;

/// <summary>Bytes, sent as they are (HTML unless the response says otherwise, as Flask does).</summary>
internal sealed class BytesBody : BodyKind
{
    public static readonly BytesBody Instance = new();

    public override Task WriteAsync(Response response, HttpContext context, bool head)
    {
        var http = context.Response;
        var bytes = (byte[])response.Body!;
        http.ContentType = response.ContentType ?? "text/html; charset=utf-8";
        http.ContentLength = bytes.Length;
        return head ? Task.CompletedTask : http.Body.WriteAsync(bytes, 0, bytes.Length);
    }
}
