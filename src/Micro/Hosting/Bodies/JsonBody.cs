using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Micro.Hosting.Bodies;

/// <summary>
/// Any other object, or a <see cref="JsonValue"/>: serialized with the app's JSON options when prepared, so a value
/// that cannot be serialized (a reference cycle, NaN or Infinity, a getter that throws) is an exception the error
/// handlers see, not a broken response. The bytes wait in a pooled array and go out with a <c>Content-Length</c>.
/// </summary>
/// <remarks>
/// NaN and Infinity: Flask writes them as the bare words <c>NaN</c>/<c>Infinity</c>, which no JSON parser accepts;
/// Micro refuses them with the serializer's own message (a 500 through the error handlers). An app that wants them
/// sets <c>JsonNumberHandling.AllowNamedFloatingPointLiterals</c> in its JSON options (written as strings,
/// <c>"NaN"</c>).
/// </remarks>
internal sealed class JsonBody : BodyKind
{
    public static readonly JsonBody Instance = new();

    // Larger buffers are not kept for the next response on the thread.
    private const int KeptBufferSize = 64 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    [ThreadStatic]
    private static JsonSerializerOptions? t_writerOptions;

    public override ValueTask PrepareAsync(Response response, HttpContext context)
    {
        Serialize(response, context);
        return default;
    }

    public override Task WriteAsync(Response response, HttpContext context, bool head)
    {
        var http = context.Response;
        http.ContentType = response.ContentType ?? "application/json; charset=utf-8";

        // An after-request hook may have replaced the body since it was prepared.
        if (response.Prepared is null || !ReferenceEquals(response.PreparedState, response.Body))
        {
            Serialize(response, context);
        }

        var bytes = response.Prepared!;
        var length = response.PreparedLength;
        response.Prepared = null;
        response.PreparedState = null;
        http.ContentLength = length;
        if (!head)
        {
            // Copied into the response pipe: the array goes back to the pool at once.
            http.BodyWriter.Write(bytes.AsSpan(0, length));
        }

        ArrayPool<byte>.Shared.Return(bytes);
        return head ? Task.CompletedTask : http.BodyWriter.FlushAsync().AsTask();
    }

    private static void Serialize(Response response, HttpContext context)
    {
        var body = response.Body;
        var value = body is JsonValue forced ? forced.Value : body;

        // The app's JSON options, resolved once (RequestServices would open a DI scope per request).
        var options = MicroContext.Get(context)?.Table.JsonOptions
            ?? context.RequestServices.GetService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>()?.Value.SerializerOptions
            ?? JsonSerializerOptions.Web;

        // Serialization is synchronous, so a writer and buffer per thread serve every response without allocating.
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(256);
        buffer.ResetWrittenCount();
        var writer = t_writer;
        if (writer is null || !ReferenceEquals(t_writerOptions, options))
        {
            t_writer = writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = options.Encoder, Indented = options.WriteIndented, MaxDepth = options.MaxDepth, SkipValidation = true });
            t_writerOptions = options;
        }
        else
        {
            writer.Reset(buffer);
        }

        try
        {
            JsonSerializer.Serialize(writer, value, value?.GetType() ?? typeof(object), options);
            writer.Flush();
            var bytes = ArrayPool<byte>.Shared.Rent(buffer.WrittenCount);
            buffer.WrittenSpan.CopyTo(bytes);
            response.Prepared = bytes;
            response.PreparedLength = buffer.WrittenCount;
            response.PreparedState = body;
        }
        finally
        {
            writer.Reset(buffer);
            if (buffer.Capacity > KeptBufferSize)
            {
                t_buffer = null;
                t_writer = null;
            }
        }
    }
}
