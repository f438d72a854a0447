using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Micro.Security;

namespace Micro.Files;

/// <summary>
/// Werkzeug's <c>send_file</c>/<c>send_from_directory</c> over the platform's file results, which already do
/// ETag and Last-Modified preconditions (304, 412), Range (206, 416) and HEAD, run with RFC 9110's precedence
/// between those headers (<see cref="ConditionalRequest"/>). Micro adds what Werkzeug does beyond them: the
/// content type guess with a charset, <c>Content-Disposition</c> inline as well as as attachment,
/// <c>Cache-Control</c>, and resolving paths against the content root.
/// </summary>
internal sealed class FileSender : IResult
{
    private string? _fullPath;
    private FileInfo? _file;

    public string? Path { get; init; }

    public string? Directory { get; init; }

    public Stream? Stream { get; init; }

    public string? MimeType { get; init; }

    public bool AsAttachment { get; init; }

    public string? DownloadName { get; init; }

    public bool Conditional { get; init; } = true;

    public TimeSpan? MaxAge { get; init; }

    public DateTimeOffset? LastModified { get; init; }

    public string? ETag { get; init; }

    /// <summary>
    /// Finds the file, right after the handler returned, so a missing one (or a path leaving the directory)
    /// is a 404 through the error handlers as in Flask, not a failure while writing the response.
    /// </summary>
    public void Prepare(HttpContext context)
    {
        if (Stream is not null || _file is not null)
        {
            return;
        }

        var root = context.RequestServices.GetRequiredService<IHostEnvironment>().ContentRootPath;
        if (Directory is not null)
        {
            var directory = System.IO.Path.GetFullPath(Directory, root);
            _fullPath = SafeJoin.Resolve(directory, Path!) ?? throw new HttpException(404);
            _file = new FileInfo(_fullPath);
            if (!_file.Exists)
            {
                throw new HttpException(404);
            }

            return;
        }

        _fullPath = System.IO.Path.GetFullPath(Path!, root);
        _file = new FileInfo(_fullPath);
        if (!_file.Exists)
        {
            // As in Flask: send_file on a missing path is a programming error (500), unlike send_from_directory.
            throw new FileNotFoundException($"SendFile: no file at '{_fullPath}'.", _fullPath);
        }
    }

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        try
        {
            Prepare(httpContext);
        }
        catch (HttpException error)
        {
            // Only reached when returned from somewhere Micro does not prepare it (an error handler): answer plainly.
            httpContext.Response.StatusCode = error.StatusCode;
            return Task.CompletedTask;
        }

        // Headers a handler or after-request hook set on the response win over the defaults below.
        var existing = httpContext.Response.Headers;
        var headers = httpContext.Response.GetTypedHeaders();
        var name = DownloadName ?? (_file?.Name);
        if (name is not null && !existing.ContainsKey(HeaderNames.ContentDisposition))
        {
            var disposition = new ContentDispositionHeaderValue(AsAttachment ? "attachment" : "inline");
            if (Ascii.IsValid(name))
            {
                disposition.FileName = name;
            }
            else
            {
                // Non-ASCII names: an ASCII fallback plus RFC 5987 filename*, as Werkzeug sends.
                disposition.SetHttpFileName(name);
            }

            headers.ContentDisposition = disposition;
        }

        var maxAge = MaxAge ?? httpContext.RequestServices.GetService<IOptions<MicroStaticOptions>>()?.Value.MaxAge;
        if (!existing.ContainsKey(HeaderNames.CacheControl))
        {
            // Werkzeug: no max age means "no-cache" (revalidate with the ETag every time).
            headers.CacheControl = maxAge is { } age && age > TimeSpan.Zero
                ? new CacheControlHeaderValue { Public = true, MaxAge = age }
                : maxAge is null ? new CacheControlHeaderValue { NoCache = true } : new CacheControlHeaderValue { MaxAge = TimeSpan.Zero };
            if (maxAge is { } expires)
            {
                headers.Expires = DateTimeOffset.UtcNow + expires;
            }
        }

        var contentType = MimeType is null ? Guess(name) : MimeTypes.WithCharset(MimeType);
        if (_file is not null)
        {
            if (!Conditional)
            {
                return TypedResults.Stream(_file.OpenRead(), contentType).ExecuteAsync(httpContext);
            }

            var modified = LastModified ?? new DateTimeOffset(_file.LastWriteTimeUtc);
            return ConditionalRequest.ExecuteAsync(TypedResults.PhysicalFile(_fullPath!, contentType, null, modified, EntityTag(ETag ?? DefaultETag(_file)), enableRangeProcessing: true), httpContext);
        }

        return Conditional
            ? ConditionalRequest.ExecuteAsync(TypedResults.Stream(Stream!, contentType, null, LastModified, ETag is null ? null : EntityTag(ETag), enableRangeProcessing: Stream!.CanSeek), httpContext)
            : TypedResults.Stream(Stream!, contentType).ExecuteAsync(httpContext);
    }

    private static string Guess(string? name) => name is null ? "application/octet-stream" : MimeTypes.Guess(name) ?? "application/octet-stream";

    // The StaticFiles middleware's ETag: modification time and length, so an unchanged file keeps its tag.
    private static string DefaultETag(FileInfo file) =>
        (file.LastWriteTimeUtc.ToFileTimeUtc() ^ file.Length).ToString("x", System.Globalization.CultureInfo.InvariantCulture);

    private static EntityTagHeaderValue EntityTag(string tag) =>
        new(tag.StartsWith('"') || tag.StartsWith("W/", StringComparison.Ordinal) ? tag : "\"" + tag + "\"");
}
