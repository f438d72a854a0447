using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;

namespace Micro.Testing;

/// <summary>
/// Sends requests to an app in memory (ASP.NET Core TestHost, no sockets; the request target is passed raw), keeping cookies between requests
/// like a browser, so sessions and flashes can be tested as with Flask's test client.
/// </summary>
/// <example>
/// <code>
/// await using var client = app.TestClient();
/// var page = await client.Get("/");
/// Assert.Equal(200, page.StatusCode);
/// </code>
/// </example>
public sealed class TestClient : IAsyncDisposable, IDisposable
{
    private static readonly Uri BaseAddress = new("http://localhost/");
    private readonly TestServer _server;
    private readonly IAsyncDisposable? _owner;

    private TestClient(TestServer server, IAsyncDisposable? owner)
    {
        _server = server;
        _owner = owner;
    }

    /// <summary>Gets the cookies the client holds; they are sent with every request.</summary>
    public CookieContainer Cookies { get; } = new();

    /// <summary>Starts <paramref name="app"/> on a test server and returns a client for it.</summary>
    /// <param name="app">
    /// The app, not started. To map endpoints on its <c>WebApplication</c> first, call
    /// <c>app.Builder.WebHost.UseTestServer()</c> before <c>app.Build()</c>.
    /// </param>
    /// <returns>The client; dispose it to stop the app.</returns>
    public static TestClient For(MicroApp app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // Once built, the server is chosen: only an app not built yet can still be switched to the test server.
        if (!app.Services.IsReadOnly)
        {
            app.Builder.WebHost.UseTestServer();
        }

        var web = app.Build();
        if (web.Services.GetService(typeof(Microsoft.AspNetCore.Hosting.Server.IServer)) is not TestServer server)
        {
            throw new InvalidOperationException("The app was built with another server than the test server. Call app.Builder.WebHost.UseTestServer() before app.Build(), or let the test client build the app.");
        }

        web.StartAsync().GetAwaiter().GetResult();
        return new TestClient(server, web);
    }

    /// <summary>Starts the app whose <c>Program.cs</c> defines <typeparamref name="TEntryPoint"/> (use <c>Program</c>) and returns a client for it.</summary>
    /// <typeparam name="TEntryPoint">A type in the app's assembly, usually <c>Program</c>.</typeparam>
    /// <param name="environment">The environment name the app runs in.</param>
    /// <returns>The client; dispose it to stop the app.</returns>
    public static TestClient For<TEntryPoint>(string environment = "Development")
        where TEntryPoint : class
    {
        var factory = new WebApplicationFactory<TEntryPoint>().WithWebHostBuilder(builder => builder.UseEnvironment(environment));
        return new TestClient(factory.Server, factory);
    }

    /// <summary>
    /// Starts the app whose <c>Program.cs</c> defines <typeparamref name="TEntryPoint"/> with configuration values set
    /// before <c>Program.cs</c> runs, so what it reads from <c>app.Configuration</c> at the top (a database path, a
    /// setting) is the test's, like Flask's <c>create_app({"DATABASE": path})</c>. They take precedence over
    /// appsettings.json, environment variables and the command line.
    /// </summary>
    /// <typeparam name="TEntryPoint">A type in the app's assembly, usually <c>Program</c>.</typeparam>
    /// <param name="configure">Sets the values, e.g. <c>config =&gt; config["Database"] = path</c> (sections as <c>Csrf:Enabled</c>).</param>
    /// <param name="environment">The environment name the app runs in.</param>
    /// <returns>The client; dispose it to stop the app.</returns>
    public static TestClient For<TEntryPoint>(Action<IDictionary<string, string?>> configure, string environment = "Development")
        where TEntryPoint : class
    {
        ArgumentNullException.ThrowIfNull(configure);
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        configure(settings);
        var factory = new WebApplicationFactory<TEntryPoint>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment(environment);

            // Host settings reach the WebApplicationBuilder's configuration before Program.cs reads it.
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        });
        return new TestClient(factory.Server, factory);
    }

    /// <summary>
    /// Gets a CSRF token for this client without loading a page, as <c>{{ csrf_token() }}</c> on a page would give it: the
    /// client gets the CSRF cookie and the session value the token is bound to. Put it in a form's <c>csrf_token</c> field
    /// or the <c>X-CSRFToken</c> header. <see cref="PostForm"/> does this by itself.
    /// </summary>
    /// <returns>The token.</returns>
    public async Task<string> CsrfToken() => (await IssueCsrfTokenAsync().ConfigureAwait(false)).Token;

    private async Task<(string FieldName, string Token)> IssueCsrfTokenAsync()
    {
        var (fieldName, token, setCookies) = await Micro.Security.CsrfIssue.IssueAsync(_server.Services, Cookies.GetCookieHeader(BaseAddress)).ConfigureAwait(false);
        foreach (var setCookie in setCookies)
        {
            Cookies.SetCookies(BaseAddress, setCookie);
        }

        return (fieldName, token);
    }

    /// <summary>Sends a GET request.</summary>
    /// <param name="url">The path and query, e.g. <c>/users/42?tab=posts</c>.</param>
    /// <param name="followRedirects">Follow redirects, as a browser does, and return the final response.</param>
    /// <returns>The response.</returns>
    public Task<TestResponse> Get(string url, bool followRedirects = false) => Send(HttpMethod.Get, url, null, followRedirects);

    /// <summary>Sends a POST request with an optional body.</summary>
    /// <param name="url">The path and query.</param>
    /// <param name="content">The body.</param>
    /// <param name="followRedirects">Follow redirects.</param>
    /// <returns>The response.</returns>
    public Task<TestResponse> Post(string url, HttpContent? content = null, bool followRedirects = false) => Send(HttpMethod.Post, url, content, followRedirects);

    /// <summary>
    /// Posts an url-encoded form, as a browser submits one from a page: with the page's CSRF token in the
    /// <c>csrf_token</c> field (see <see cref="CsrfToken"/>) unless <paramref name="fields"/> has that field already or
    /// <paramref name="withCsrfToken"/> is <see langword="false"/>.
    /// </summary>
    /// <param name="url">The path and query.</param>
    /// <param name="fields">The form fields; a key may repeat.</param>
    /// <param name="followRedirects">Follow redirects.</param>
    /// <param name="withCsrfToken">Add the CSRF token; <see langword="false"/> posts the fields alone (to test the CSRF check).</param>
    /// <returns>The response.</returns>
    public async Task<TestResponse> PostForm(string url, IEnumerable<KeyValuePair<string, string>> fields, bool followRedirects = false, bool withCsrfToken = true)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var list = fields.ToList();
        if (withCsrfToken)
        {
            var (fieldName, token) = await IssueCsrfTokenAsync().ConfigureAwait(false);
            if (!list.Exists(field => field.Key == fieldName))
            {
                list.Add(new(fieldName, token));
            }
        }

        return await Send(HttpMethod.Post, url, new FormUrlEncodedContent(list), followRedirects).ConfigureAwait(false);
    }

    /// <summary>Posts a value serialized as JSON.</summary>
    /// <param name="url">The path and query.</param>
    /// <param name="value">The value.</param>
    /// <returns>The response.</returns>
    public Task<TestResponse> PostJson(string url, object? value) => Send(HttpMethod.Post, url, JsonContent.Create(value), false);

    /// <summary>Sends any request.</summary>
    /// <param name="method">The method.</param>
    /// <param name="url">The path and query, sent exactly as written (percent-escapes and dot segments are kept, as a raw HTTP request would).</param>
    /// <param name="content">The body.</param>
    /// <param name="followRedirects">Follow redirects.</param>
    /// <param name="headers">Extra request headers.</param>
    /// <returns>The response.</returns>
    public async Task<TestResponse> Send(HttpMethod method, string url, HttpContent? content = null, bool followRedirects = false, IEnumerable<KeyValuePair<string, string>>? headers = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(url);
        var target = url.StartsWith('/') ? url : new Uri(BaseAddress, url).PathAndQuery;
        var body = content is null ? null : await content.ReadAsByteArrayAsync().ConfigureAwait(false);
        var contentType = content?.Headers.ContentType?.ToString();
        for (var hops = 0; ; hops++)
        {
            var cookieUri = new Uri("http://localhost" + target.Split('?')[0]);
            var cookieHeader = Cookies.GetCookieHeader(cookieUri);
            var sentMethod = method.Method;
            var sentTarget = target;
            var sentBody = body;
            var context = await _server.SendAsync(http =>
            {
                var question = sentTarget.IndexOf('?', StringComparison.Ordinal);
                var path = question < 0 ? sentTarget : sentTarget[..question];
                http.Request.Method = sentMethod;
                http.Request.Scheme = "http";
                http.Request.Host = new HostString("localhost");
                http.Request.Path = PathString.FromUriComponent(path);
                http.Request.QueryString = question < 0 ? QueryString.Empty : new QueryString(sentTarget[question..]);
                http.Features.Get<IHttpRequestFeature>()!.RawTarget = sentTarget;
                if (cookieHeader.Length > 0)
                {
                    http.Request.Headers.Cookie = cookieHeader;
                }

                foreach (var (name, value) in headers ?? [])
                {
                    http.Request.Headers.Append(name, value);
                }

                if (sentBody is not null)
                {
                    http.Request.ContentType = contentType;
                    http.Request.ContentLength = sentBody.Length;
                    http.Request.Body = new MemoryStream(sentBody);

                    // As a server says of a request with a Content-Length: there is a body. Without it, a handler parameter
                    // bound from the body (a JSON object) would find none.
                    http.Features.Set<IHttpRequestBodyDetectionFeature>(RequestHasBody.Instance);
                }
            }).ConfigureAwait(false);

            foreach (var setCookie in context.Response.Headers.SetCookie)
            {
                if (setCookie is not null)
                {
                    Cookies.SetCookies(cookieUri, setCookie);
                }
            }

            var result = await TestResponse.ReadAsync(context.Response).ConfigureAwait(false);
            var status = result.StatusCode;
            if (!followRedirects || status is not (301 or 302 or 303 or 307 or 308) || result.Location is null)
            {
                return result;
            }

            if (hops >= 20)
            {
                throw new InvalidOperationException($"More than 20 redirects starting at '{url}'.");
            }

            target = new Uri(new Uri("http://localhost" + target.Split('?')[0]), result.Location).PathAndQuery;

            // Browsers turn a redirected POST into a GET except for 307 and 308.
            if (status is 301 or 302 or 303 && method != HttpMethod.Head)
            {
                method = HttpMethod.Get;
                body = null;
            }
        }
    }

    /// <summary>Stops the app.</summary>
    /// <returns>A task that completes when the app has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_owner is not null)
        {
            await _owner.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Stops the app.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private sealed class RequestHasBody : IHttpRequestBodyDetectionFeature
    {
        public static readonly RequestHasBody Instance = new();

        public bool CanHaveBody => true;
    }
}
