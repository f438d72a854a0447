using Microsoft.AspNetCore.Http;

namespace Micro.Hosting.Bodies;

/// <summary>
/// An <see cref="IAsyncEnumerable{T}"/> of strings, like a Flask generator: each chunk is sent and flushed as it is
/// produced. The first chunk is produced when prepared, so a generator that fails before yielding anything is an error
/// the error handlers see; a failure after the response started can only end the connection.
/// </summary>
internal sealed class ChunkedBody : BodyKind
{
    public static readonly ChunkedBody Instance = new();

    public override async ValueTask PrepareAsync(Response response, HttpContext context)
    {
        var chunks = (IAsyncEnumerable<string>)response.Body!;
        var enumerator = chunks.GetAsyncEnumerator(context.RequestAborted);
        var started = new Started(chunks, enumerator);
        try
        {
            started.HasFirst = await enumerator.MoveNextAsync().ConfigureAwait(false);
        }
        catch
        {
            await enumerator.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        response.PreparedState = started;
    }

    public override async Task WriteAsync(Response response, HttpContext context, bool head)
    {
        var chunks = (IAsyncEnumerable<string>)response.Body!;
        var http = context.Response;
        http.ContentType = response.ContentType ?? "text/html; charset=utf-8";
        IAsyncEnumerator<string> enumerator;
        bool more;
        if (response.PreparedState is Started started && ReferenceEquals(started.Chunks, chunks))
        {
            response.PreparedState = null;
            (enumerator, more) = (started.Enumerator, started.HasFirst);
        }
        else
        {
            enumerator = chunks.GetAsyncEnumerator(context.RequestAborted);
            more = await enumerator.MoveNextAsync().ConfigureAwait(false);
        }

        await using (enumerator.ConfigureAwait(false))
        {
            for (; more; more = await enumerator.MoveNextAsync().ConfigureAwait(false))
            {
                if (!head)
                {
                    await http.WriteAsync(enumerator.Current, context.RequestAborted).ConfigureAwait(false);
                    await http.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
                }
            }
        }
    }

    private sealed class Started(IAsyncEnumerable<string> chunks, IAsyncEnumerator<string> enumerator)
    {
        public IAsyncEnumerable<string> Chunks => chunks;

        public IAsyncEnumerator<string> Enumerator => enumerator;

        public bool HasFirst { get; set; }
    }
}
