using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Micro.Testing;

/// <summary>A response read completely into memory by the <see cref="TestClient"/>.</summary>
public sealed class TestResponse
{
    private TestResponse(int statusCode, byte[] body, HttpResponseHeaders headers, HttpContentHeaders contentHeaders)
    {
        StatusCode = statusCode;
        Body = body;
        Headers = headers;
        ContentHeaders = contentHeaders;
    }

    /// <summary>Gets the status code.</summary>
    public int StatusCode { get; }

    /// <summary>Gets the body bytes.</summary>
    public byte[] Body { get; }

    /// <summary>Gets the body as UTF-8 text.</summary>
    public string Text => System.Text.Encoding.UTF8.GetString(Body);

    /// <summary>Gets the response headers.</summary>
    public HttpResponseHeaders Headers { get; }

    /// <summary>Gets the content headers (<c>Content-Type</c>, <c>Content-Length</c>...).</summary>
    public HttpContentHeaders ContentHeaders { get; }

    /// <summary>Gets the full <c>Content-Type</c>, e.g. <c>text/html; charset=utf-8</c>.</summary>
    public string? ContentType => ContentHeaders.ContentType?.ToString();

    /// <summary>Gets the <c>Location</c> header as sent.</summary>
    public string? Location => Headers.TryGetValues("Location", out var values) ? values.First() : null;

    /// <summary>Gets a header's value (response or content header), or <see langword="null"/>.</summary>
    /// <param name="name">The header name.</param>
    /// <returns>The values joined with <c>, </c>.</returns>
    public string? Header(string name) =>
        Headers.TryGetValues(name, out var values) || ContentHeaders.TryGetValues(name, out values) ? string.Join(", ", values) : null;

    /// <summary>Reads the body as JSON.</summary>
    /// <typeparam name="T">The type to read.</typeparam>
    /// <returns>The value.</returns>
    public T? Json<T>() => JsonSerializer.Deserialize<T>(Body, JsonSerializerOptions.Web);

    internal static async Task<TestResponse> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        return new TestResponse((int)response.StatusCode, body, response.Headers, response.Content.Headers);
    }
}
