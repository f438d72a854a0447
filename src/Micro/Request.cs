using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Micro.Hosting;

namespace Micro;

/// <summary>
/// The incoming request as Flask shows it: <see cref="Args"/>, <see cref="FormAsync"/>, <see cref="Files"/>,
/// <see cref="JsonAsync{T}"/>, <see cref="Cookies"/>, <see cref="Headers"/>, the matched <see cref="Endpoint"/>
/// and <see cref="ViewArgs"/>. Declare a parameter of this type in a handler or hook to receive it.
/// </summary>
public sealed class Request
{
    private readonly MicroContext _micro;
    private Form? _form;
    private Dictionary<string, object?>? _g;

    internal Request(MicroContext micro) => _micro = micro;

    /// <summary>Gets the ASP.NET Core context underneath, for everything else.</summary>
    public HttpContext HttpContext => _micro.HttpContext;

    /// <summary>Gets the request method, upper case (<c>get</c> on the wire is <c>GET</c>), as routing saw it.</summary>
    public string Method => HttpContext.Request.Method;

    /// <summary>
    /// Gets the path Micro routed on, with the path base in front: the request target's path decoded once, as
    /// Werkzeug's <c>request.path</c> (<c>/admin/%2e%2e</c> is <c>/admin/..</c>, <c>/a%2Fb</c> is <c>/a/b</c>), without
    /// the query string. <c>HttpContext.Request.Path</c> holds the same value, never the server's normalized one.
    /// </summary>
    public string Path => HttpContext.Request.PathBase.Add(HttpContext.Request.Path).Value ?? "/";

    /// <summary>Gets the path and the raw query string, e.g. <c>/search?q=a%20b</c>.</summary>
    public string FullPath => Path + HttpContext.Request.QueryString.Value;

    /// <summary>Gets the absolute URL of the request.</summary>
    public string Url => $"{HttpContext.Request.Scheme}://{HttpContext.Request.Host}{HttpContext.Request.PathBase}{HttpContext.Request.Path}{HttpContext.Request.QueryString}";

    /// <summary>Gets the query string arguments; a key may have several values (<c>Args["tag"]</c> is a <c>StringValues</c>).</summary>
    public IQueryCollection Args => HttpContext.Request.Query;

    /// <summary>Gets the request headers.</summary>
    public IHeaderDictionary Headers => HttpContext.Request.Headers;

    /// <summary>Gets the cookies the client sent.</summary>
    public IRequestCookieCollection Cookies => HttpContext.Request.Cookies;

    /// <summary>Gets the raw request body stream.</summary>
    public Stream Body => HttpContext.Request.Body;

    /// <summary>Gets the request's content type, or <see langword="null"/>.</summary>
    public string? ContentType => HttpContext.Request.ContentType;

    /// <summary>Gets whether the content type is JSON (<c>application/json</c> or <c>+json</c>).</summary>
    public bool IsJson => HttpContext.Request.HasJsonContentType();

    /// <summary>Gets the name of the matched endpoint, e.g. <c>admin.show</c>, or <see langword="null"/> when nothing matched.</summary>
    public string? Endpoint => _micro.Route?.Endpoint;

    /// <summary>Gets the blueprint of the matched endpoint (its full dotted name), or <see langword="null"/>.</summary>
    public string? Blueprint => _micro.Route?.Blueprint;

    /// <summary>Gets the URL rule that matched, e.g. <c>/users/&lt;int:id&gt;</c>, or <see langword="null"/>.</summary>
    public string? UrlRule => _micro.Route?.Rule.Text;

    /// <summary>Gets the converted values of the rule's variables: <see cref="long"/> for <c>int</c>, <see cref="double"/> for <c>float</c>, <see cref="Guid"/> for <c>uuid</c>, strings otherwise.</summary>
    public IReadOnlyDictionary<string, object?> ViewArgs => _micro.ViewArgs;

    /// <summary>Gets a dictionary for values that live as long as the request, like Flask's <c>g</c> (templates see it as <c>g</c>).</summary>
    public IDictionary<string, object?> G => _g ??= new Dictionary<string, object?>(StringComparer.Ordinal);

    /// <summary>Gets the uploaded files of a multipart form (reads the form first).</summary>
    /// <returns>The files.</returns>
    public async Task<IFormFileCollection> FilesAsync() => (await FormAsync().ConfigureAwait(false)).Files;

    /// <summary>Gets the form if <see cref="FormAsync"/> has read it (templates cannot read a body).</summary>
    internal IFormCollection? FormIfRead => _form;

    /// <summary>
    /// Gets the submitted form, like Flask's <c>request.form</c>: <c>Form["title"]</c> is the field's value and a missing
    /// field answers 400; <c>Form.Get("page", 1)</c> converts like <c>type=int</c>. Micro reads a form body (url-encoded
    /// or multipart) before the before-request hooks run, so this is there in hooks and handlers; empty when the body is
    /// not a form.
    /// </summary>
    /// <exception cref="InvalidOperationException">Read outside Micro's dispatch (e.g. in middleware) before <see cref="FormAsync"/>.</exception>
    public Form Form => _form ?? (HttpContext.Request.HasFormContentType
        ? throw new InvalidOperationException("The form has not been read yet: await request.FormAsync() first (Micro reads it before hooks and handlers run).")
        : Form.Empty);

    /// <summary>Gets the uploaded files once <see cref="FormAsync"/> has been awaited; empty before.</summary>
    public IFormFileCollection Files => _form?.Files ?? EmptyFiles.Instance;

    /// <summary>Reads the form (url-encoded or multipart). A body that is not a form gives an empty form; a malformed one, or one in a charset .NET cannot decode, answers 400.</summary>
    /// <returns>The form fields (see <see cref="Form"/>); several values per key are kept.</returns>
    public async Task<Form> FormAsync()
    {
        if (_form is not null)
        {
            return _form;
        }

        if (!HttpContext.Request.HasFormContentType)
        {
            return _form = Form.Empty;
        }

        EnsureKnownCharset(HttpContext.Request);
        try
        {
            _form = new Form(await HttpContext.Request.ReadFormAsync(HttpContext.RequestAborted).ConfigureAwait(false));
        }
        catch (BadHttpRequestException error)
        {
            throw new HttpException(error.StatusCode, error.Message, error);
        }
        catch (InvalidDataException error)
        {
            // Thrown both for malformed bodies and for the form limits (FormOptions).
            var tooLarge = error.Message.Contains("limit", StringComparison.OrdinalIgnoreCase);
            throw new HttpException(tooLarge ? 413 : 400, $"The form could not be read: {error.Message}", error);
        }
        catch (IOException error) when (error.InnerException is BadHttpRequestException inner)
        {
            throw new HttpException(inner.StatusCode, inner.Message, error);
        }
        catch (IOException error) when (!HttpContext.RequestAborted.IsCancellationRequested)
        {
            // A truncated multipart body surfaces as an IOException ("Unexpected end of Stream").
            throw new HttpException(400, $"The form could not be read: {error.Message}", error);
        }

        return _form;
    }

    /// <summary>Reads the body as JSON into <typeparamref name="T"/> with the app's JSON options. Not JSON or malformed → 400.</summary>
    /// <typeparam name="T">The type to read, e.g. a record or <see cref="JsonElement"/>.</typeparam>
    /// <returns>The value; <see langword="null"/> for a JSON <c>null</c>.</returns>
    public async Task<T?> JsonAsync<T>()
    {
        if (!IsJson)
        {
            throw new HttpException(415, "Did not attempt to load JSON data because the request Content-Type was not 'application/json'.");
        }

        try
        {
            return await HttpContext.Request.ReadFromJsonAsync<T>(HttpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException error)
        {
            throw new HttpException(400, $"Failed to decode JSON object: {error.Message}", error);
        }
        catch (BadHttpRequestException error)
        {
            throw new HttpException(error.StatusCode, error.Message, error);
        }
    }

    /// <summary>Reads the whole body as bytes.</summary>
    /// <returns>The body.</returns>
    public async Task<byte[]> GetDataAsync()
    {
        using var buffer = new MemoryStream();
        try
        {
            await HttpContext.Request.Body.CopyToAsync(buffer, HttpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (BadHttpRequestException error)
        {
            throw new HttpException(error.StatusCode, error.Message, error);
        }

        return buffer.ToArray();
    }

    /// <summary>Builds a URL for an endpoint; a leading dot (<c>.edit</c>) is relative to the current blueprint. See <see cref="MicroApp.UrlFor"/>.</summary>
    /// <param name="endpoint">The endpoint name.</param>
    /// <param name="values">Rule variables and query arguments, as an anonymous object or dictionary.</param>
    /// <returns>The URL.</returns>
    public string UrlFor(string endpoint, object? values = null) => _micro.Table.UrlFor(this, endpoint, values);

    /// <summary>Binds the current request to a handler parameter; used by ASP.NET Core parameter binding.</summary>
    /// <param name="context">The current request.</param>
    /// <param name="parameter">The parameter being bound.</param>
    /// <returns>The request.</returns>
    public static ValueTask<Request?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ValueTask.FromResult<Request?>(For(context));
    }

    /// <summary>
    /// Answers 400 for a form whose <c>charset</c> the form reader cannot decode: UTF-7, which .NET refuses to decode
    /// (the reader threw, a 500), and names it does not know (read as UTF-8 without a word). Werkzeug ignores the
    /// charset of a form and always decodes UTF-8; a request naming one Micro cannot honour is told so instead.
    /// Checked for every routed request before the CSRF check and the handler, so forms bound as handler parameters
    /// are covered too; requests without a charset cost one look at the Content-Type header.
    /// </summary>
    internal static void EnsureKnownCharset(HttpRequest request)
    {
        var contentType = request.ContentType;
        if (contentType is null || !contentType.Contains("charset", StringComparison.OrdinalIgnoreCase) || !request.HasFormContentType
            || !Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var mediaType) || mediaType.Charset is not { Length: > 0 } charset)
        {
            return;
        }

        try
        {
            // null for a name .NET does not know; NotSupportedException for UTF-7.
            if (mediaType.Encoding is not null)
            {
                return;
            }
        }
        catch (NotSupportedException)
        {
        }

        throw new HttpException(400, $"The form's charset '{charset}' is not supported. Send forms as UTF-8 (browsers do), or name a charset .NET can decode.");
    }

    internal static Request For(HttpContext context)
    {
        var micro = MicroContext.Get(context) ?? throw new InvalidOperationException("This request is not handled by Micro.");
        return micro.Request ??= new Request(micro);
    }

    private sealed class EmptyFiles : List<IFormFile>, IFormFileCollection
    {
        public static readonly EmptyFiles Instance = new();

        public IFormFile? this[string name] => null;

        public IFormFile? GetFile(string name) => null;

        public IReadOnlyList<IFormFile> GetFiles(string name) => [];
    }
}
