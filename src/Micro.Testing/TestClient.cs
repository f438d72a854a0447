using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;

namespace Micro.Testing;

/// <summary>
/// Sends requests to an app in memory (ASP.NET Core TestHost, no sockets), keeping cookies between requests
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
    private readonly HttpClient _http;
    private readonly IAsyncDisposable? _owner;

    private TestClient(TestServer server, IAsyncDisposable? owner)
    {
        _http = server.CreateClient();
        _http.BaseAddress = BaseAddress;
        _owner = owner;
    }

    /// <summary>Gets the cookies the client holds; they are sent with every request.</summary>
    public CookieContainer Cookies { get; } = new();

    /// <summary>Starts <paramref name="app"/> on a test server and returns a client for it.</summary>
    /// <param name="app">The app; it must not have been built yet.</param>
    /// <returns>The client; dispose it to stop the app.</returns>
    public static TestClient For(MicroApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Builder.WebHost.UseTestServer();
        var web = app.Build();
        web.StartAsync().GetAwaiter().GetResult();
        return new TestClient(web.GetTestServer(), web);
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

    /// <summary>Posts an url-encoded form, as a browser submits one.</summary>
    /// <param name="url">The path and query.</param>
    /// <param name="fields">The form fields; a key may repeat.</param>
    /// <param name="followRedirects">Follow redirects.</param>
    /// <returns>The response.</returns>
    public Task<TestResponse> PostForm(string url, IEnumerable<KeyValuePair<string, string>> fields, bool followRedirects = false) =>
        Send(HttpMethod.Post, url, new FormUrlEncodedContent(fields), followRedirects);

    /// <summary>Posts a value serialized as JSON.</summary>
    /// <param name="url">The path and query.</param>
    /// <param name="value">The value.</param>
    /// <returns>The response.</returns>
    public Task<TestResponse> PostJson(string url, object? value) => Send(HttpMethod.Post, url, JsonContent.Create(value), false);

    /// <summary>Sends any request.</summary>
    /// <param name="method">The method.</param>
    /// <param name="url">The path and query, sent as written (percent-escapes are kept).</param>
    /// <param name="content">The body.</param>
    /// <param name="followRedirects">Follow redirects.</param>
    /// <param name="headers">Extra request headers.</param>
    /// <returns>The response.</returns>
    public async Task<TestResponse> Send(HttpMethod method, string url, HttpContent? content = null, bool followRedirects = false, IEnumerable<KeyValuePair<string, string>>? headers = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(url);
        var target = new Uri(BaseAddress, url);
        for (var hops = 0; ; hops++)
        {
            using var request = new HttpRequestMessage(method, target) { Content = content };
            var cookieHeader = Cookies.GetCookieHeader(target);
            if (cookieHeader.Length > 0)
            {
                request.Headers.Add("Cookie", cookieHeader);
            }

            foreach (var (name, value) in headers ?? [])
            {
                if (!request.Headers.TryAddWithoutValidation(name, value))
                {
                    request.Content?.Headers.TryAddWithoutValidation(name, value);
                }
            }

            using var response = await _http.SendAsync(request).ConfigureAwait(false);
            if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            {
                foreach (var setCookie in setCookies)
                {
                    Cookies.SetCookies(target, setCookie);
                }
            }

            var result = await TestResponse.ReadAsync(response).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (!followRedirects || status is not (301 or 302 or 303 or 307 or 308) || response.Headers.Location is null)
            {
                return result;
            }

            if (hops >= 20)
            {
                throw new InvalidOperationException($"More than 20 redirects starting at '{url}'.");
            }

            target = new Uri(target, response.Headers.Location);

            // Browsers turn a redirected POST into a GET except for 307 and 308.
            if (status is 301 or 302 or 303 && method != HttpMethod.Head)
            {
                method = HttpMethod.Get;
                content = null;
            }
        }
    }

    /// <summary>Stops the app.</summary>
    /// <returns>A task that completes when the app has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (_owner is not null)
        {
            await _owner.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Stops the app.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
