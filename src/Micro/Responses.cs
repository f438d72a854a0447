using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;

namespace Micro;

/// <summary>
/// Flask's response helpers. Bring them into scope with <c>using static Micro.Responses;</c> and write
/// <c>Abort(404)</c>, <c>Redirect("/")</c>, <c>MakeResponse(body, 201)</c>.
/// </summary>
public static class Responses
{
    /// <summary>Stops the request with an HTTP error, like Flask's <c>abort</c>. Never returns.</summary>
    /// <param name="statusCode">The status code, e.g. 404.</param>
    /// <param name="description">The text for the error page; the standard description when <see langword="null"/>.</param>
    /// <returns>Never returns; typed so it can stand in expressions (<c>x ?? Abort(404)</c>).</returns>
    /// <exception cref="HttpException">Always.</exception>
    [DoesNotReturn]
    public static IResult Abort(int statusCode, string? description = null) => throw new HttpException(statusCode, description);

    /// <summary>Redirects to <paramref name="location"/>, like Flask's <c>redirect</c> (302 by default).</summary>
    /// <param name="location">The target URL.</param>
    /// <param name="statusCode">301, 302, 303, 307 or 308.</param>
    /// <returns>The redirect response.</returns>
    public static Response Redirect(string location, int statusCode = 302)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (statusCode is < 300 or > 399)
        {
            throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "A redirect needs a 3xx status code.");
        }

        var response = new Response(Hosting.ErrorPage.Redirect(location), statusCode);
        response.Headers.Location = location;
        return response;
    }

    /// <summary>Turns any handler return value into a <see cref="Response"/> to change before returning, like Flask's <c>make_response</c>.</summary>
    /// <param name="body">What a handler could return: a string, an object, a tuple, an <see cref="IResult"/>...</param>
    /// <param name="statusCode">Overrides the status code.</param>
    /// <param name="headers">Headers to add.</param>
    /// <returns>The response.</returns>
    public static Response MakeResponse(object? body = null, int? statusCode = null, IEnumerable<KeyValuePair<string, string>>? headers = null)
    {
        var response = Convert(body);
        if (statusCode is { } code)
        {
            response.StatusCode = code;
        }

        if (headers is not null)
        {
            foreach (var (name, value) in headers)
            {
                response.Headers.Append(name, value);
            }
        }

        return response;
    }

    /// <summary>Sends <paramref name="value"/> as JSON (Flask's <c>jsonify</c>), whatever its type.</summary>
    /// <param name="value">The value.</param>
    /// <param name="statusCode">The status code.</param>
    /// <returns>The response.</returns>
    public static Response Json(object? value, int statusCode = 200) =>
        new(new Hosting.Bodies.JsonValue(value), statusCode, "application/json; charset=utf-8");

    /// <summary>Sends plain text.</summary>
    /// <param name="text">The text.</param>
    /// <param name="statusCode">The status code.</param>
    /// <returns>The response.</returns>
    public static Response Text(string text, int statusCode = 200) => new(text, statusCode, "text/plain; charset=utf-8");

    /// <summary>
    /// Sends a file, like Flask's <c>send_file</c>: the content type guessed from the name, <c>Content-Disposition</c>
    /// inline (or attachment), ETag and Last-Modified with 304 answers, and Range requests. A relative path is
    /// relative to the content root. Never pass a path that came from the request: use <see cref="SendFromDirectory"/>.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="mimetype">The content type; guessed from the file name when <see langword="null"/> (<c>application/octet-stream</c> if unknown).</param>
    /// <param name="asAttachment">Ask the browser to download it rather than show it.</param>
    /// <param name="downloadName">The name the browser saves it under; the file's name when <see langword="null"/>.</param>
    /// <param name="conditional">Answer conditional and Range requests (304, 206).</param>
    /// <param name="maxAge">How long browsers may cache it; <see cref="MicroStaticOptions.MaxAge"/> when <see langword="null"/>.</param>
    /// <returns>The response; a missing file fails the request (500), as in Flask.</returns>
    public static Response SendFile(string path, string? mimetype = null, bool asAttachment = false, string? downloadName = null, bool conditional = true, TimeSpan? maxAge = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new Response(new Files.FileSender { Path = path, MimeType = mimetype, AsAttachment = asAttachment, DownloadName = downloadName, Conditional = conditional, MaxAge = maxAge });
    }

    /// <summary>Sends the contents of a stream, like Flask's <c>send_file</c> with a file object; the stream is disposed after.</summary>
    /// <param name="file">The stream; Range requests are answered when it can seek.</param>
    /// <param name="mimetype">The content type; guessed from <paramref name="downloadName"/> when <see langword="null"/>.</param>
    /// <param name="asAttachment">Ask the browser to download it.</param>
    /// <param name="downloadName">The name the browser shows or saves it under.</param>
    /// <param name="conditional">Answer conditional and Range requests when <paramref name="etag"/> or <paramref name="lastModified"/> is given.</param>
    /// <param name="maxAge">How long browsers may cache it.</param>
    /// <param name="lastModified">The <c>Last-Modified</c> time.</param>
    /// <param name="etag">The ETag.</param>
    /// <returns>The response.</returns>
    /// <exception cref="ArgumentException">Neither <paramref name="mimetype"/> nor <paramref name="downloadName"/> is given, or an attachment has no name.</exception>
    public static Response SendFile(Stream file, string? mimetype = null, bool asAttachment = false, string? downloadName = null, bool conditional = true, TimeSpan? maxAge = null, DateTimeOffset? lastModified = null, string? etag = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (mimetype is null && downloadName is null)
        {
            throw new ArgumentException("Unable to detect the MIME type because a file name is not available. Either set 'downloadName', pass a path instead of a stream, or set 'mimetype'.", nameof(mimetype));
        }

        if (asAttachment && downloadName is null)
        {
            throw new ArgumentException("No name provided for attachment: set 'downloadName'.", nameof(downloadName));
        }

        return new Response(new Files.FileSender { Stream = file, MimeType = mimetype, AsAttachment = asAttachment, DownloadName = downloadName, Conditional = conditional, MaxAge = maxAge, LastModified = lastModified, ETag = etag });
    }

    /// <summary>
    /// Sends <paramref name="path"/> from inside <paramref name="directory"/>, like Flask's <c>send_from_directory</c>:
    /// safe for paths that come from the URL. <c>..</c>, <c>%2e%2e</c>, backslashes, absolute paths, drive letters
    /// and symbolic links leading out of the directory, directories and missing files all answer 404.
    /// </summary>
    /// <param name="directory">The trusted directory, relative to the content root (or absolute).</param>
    /// <param name="path">The untrusted file path inside it, e.g. a <c>&lt;path:filename&gt;</c> value.</param>
    /// <param name="mimetype">The content type; guessed when <see langword="null"/>.</param>
    /// <param name="asAttachment">Ask the browser to download it.</param>
    /// <param name="downloadName">The name the browser saves it under.</param>
    /// <param name="conditional">Answer conditional and Range requests.</param>
    /// <param name="maxAge">How long browsers may cache it.</param>
    /// <returns>The response.</returns>
    /// <example>
    /// <code>
    /// app.Get("/uploads/&lt;path:name&gt;", (string name) =&gt; SendFromDirectory("uploads", name));
    /// </code>
    /// </example>
    public static Response SendFromDirectory(string directory, string path, string? mimetype = null, bool asAttachment = false, string? downloadName = null, bool conditional = true, TimeSpan? maxAge = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(path);
        return new Response(new Files.FileSender { Directory = directory, Path = path, MimeType = mimetype, AsAttachment = asAttachment, DownloadName = downloadName, Conditional = conditional, MaxAge = maxAge });
    }

    /// <summary>Converts a handler's return value as Flask does (see the README's table).</summary>
    internal static Response Convert(object? value)
    {
        switch (value)
        {
            case null:
                return new Response(null, 204);
            case Response response:
                return response;
            case string or byte[] or Stream or IResult or IAsyncEnumerable<string>:
                return new Response(value);
            case ITuple tuple when tuple.Length is 2 or 3:
                var result = Convert(tuple[0]);
                for (var i = 1; i < tuple.Length; i++)
                {
                    switch (tuple[i])
                    {
                        case int status:
                            result.StatusCode = status;
                            break;
                        case IEnumerable<KeyValuePair<string, string>> headers:
                            foreach (var (name, header) in headers)
                            {
                                result.Headers.Append(name, header);
                            }

                            break;
                        case IDictionary dictionary:
                            foreach (DictionaryEntry entry in dictionary)
                            {
                                result.Headers.Append(entry.Key.ToString()!, entry.Value?.ToString());
                            }

                            break;
                        case var other:
                            throw new InvalidOperationException($"A returned tuple holds (body, status), (body, headers) or (body, status, headers); item {i + 1} is {other?.GetType().Name ?? "null"}.");
                    }
                }

                return result;
            default:
                return new Response(value);
        }
    }
}
