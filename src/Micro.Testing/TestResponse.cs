using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Micro.Testing;

/// <summary>A response read completely into memory by the <see cref="TestClient"/>.</summary>
public sealed class TestResponse
{
    private TestResponse(int statusCode, byte[] body, IHeaderDictionary headers)
    {
        StatusCode = statusCode;
        Body = body;
        Headers = headers;
    }

    /// <summary>Gets the status code.</summary>
    public int StatusCode { get; }

    /// <summary>Gets the body bytes.</summary>
    public byte[] Body { get; }

    /// <summary>Gets the body as UTF-8 text.</summary>
    public string Text => System.Text.Encoding.UTF8.GetString(Body);

    /// <summary>Gets the response headers, content headers included.</summary>
    public IHeaderDictionary Headers { get; }

    /// <summary>Gets the full <c>Content-Type</c>, e.g. <c>text/html; charset=utf-8</c>.</summary>
    public string? ContentType => Header("Content-Type");

    /// <summary>Gets the <c>Location</c> header as sent.</summary>
    public string? Location => Header("Location");

    /// <summary>Gets a header's value, or <see langword="null"/> when absent.</summary>
    /// <param name="name">The header name.</param>
    /// <returns>The values joined with <c>, </c>.</returns>
    public string? Header(string name) => Headers.TryGetValue(name, out var values) ? values.ToString() : null;

    /// <summary>Reads the body as JSON.</summary>
    /// <typeparam name="T">The type to read.</typeparam>
    /// <returns>The value.</returns>
    public T? Json<T>() => JsonSerializer.Deserialize<T>(Body, JsonSerializerOptions.Web);

    internal static async Task<TestResponse> ReadAsync(HttpResponse response)
    {
        using var buffer = new MemoryStream();
        await response.Body.CopyToAsync(buffer).ConfigureAwait(false);
        var headers = new HeaderDictionary();
        foreach (var (name, value) in response.Headers)
        {
            headers[name] = value;
        }

        return new TestResponse(response.StatusCode, buffer.ToArray(), headers);
    }
}
