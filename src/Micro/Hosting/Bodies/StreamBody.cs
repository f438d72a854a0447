using Microsoft.AspNetCore.Http;

namespace Micro.Hosting.Bodies;

/// <summary>
/// A <see cref="Stream"/>, copied out and disposed. Its first read is done when prepared, so a stream that fails at
/// once is an error the error handlers see; a failure after the response started can only end the connection.
/// </summary>
internal sealed class StreamBody : BodyKind
{
    public static readonly StreamBody Instance = new();

    private const int FirstReadSize = 16 * 1024;

    public override async ValueTask PrepareAsync(Response response, HttpContext context)
    {
        var stream = (Stream)response.Body!;
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        var first = new byte[FirstReadSize];
        var count = await stream.ReadAsync(first, context.RequestAborted).ConfigureAwait(false);
        response.PreparedState = new FirstRead(stream, first, count);
    }

    public override async Task WriteAsync(Response response, HttpContext context, bool head)
    {
        var stream = (Stream)response.Body!;
        context.Response.ContentType = response.ContentType ?? "application/octet-stream";
        await using (stream.ConfigureAwait(false))
        {
            if (head)
            {
                return;
            }

            if (response.PreparedState is FirstRead read && ReferenceEquals(read.Stream, stream))
            {
                response.PreparedState = null;
                if (read.Count == 0)
                {
                    return;
                }

                await context.Response.Body.WriteAsync(read.Bytes.AsMemory(0, read.Count), context.RequestAborted).ConfigureAwait(false);
            }

            await stream.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private sealed record FirstRead(Stream Stream, byte[] Bytes, int Count);
}
