using System.Net;
using System.Text.RegularExpressions;

namespace Micro.ScaleOut.Tests.Support;

/// <summary>
/// A visitor with a cookie jar, through one base address (the proxy), following redirects itself so that every hop
/// is a request of its own (and goes to the next instance). Records which instance served each request.
/// </summary>
internal sealed partial class Browser : IDisposable
{
    private readonly HttpClient _http;
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    public Browser(string site, TimeSpan? timeout = null)
    {
        Site = site;
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = new Uri(site),
            Timeout = timeout ?? TimeSpan.FromSeconds(20),
        };
    }

    public string Site { get; }

    /// <summary>Every request this visitor sent: method, path, status and the instance that answered.</summary>
    public List<(string Method, string Path, int Status, string? ServedBy)> History { get; } = [];

    public string? Cookie(string name) => _cookies.GetValueOrDefault(name);

    /// <summary>The <c>Cookie</c> header this visitor sends.</summary>
    public string CookieHeader => string.Join("; ", _cookies.Select(cookie => $"{cookie.Key}={cookie.Value}"));

    public void SetCookie(string name, string value) => _cookies[name] = value;

    public Task<Page> GetAsync(string path, bool follow = true) => SendAsync(HttpMethod.Get, path, null, follow);

    public Task<Page> PostAsync(string path, IEnumerable<(string Name, string Value)> fields, bool follow = true) =>
        SendAsync(HttpMethod.Post, path, new FormUrlEncodedContent(fields.Select(field => KeyValuePair.Create(field.Name, field.Value))), follow);

    private async Task<Page> SendAsync(HttpMethod method, string path, HttpContent? content, bool follow)
    {
        for (var hops = 0; ; hops++)
        {
            using var request = new HttpRequestMessage(method, path) { Content = content };
            if (_cookies.Count > 0)
            {
                request.Headers.Add("Cookie", CookieHeader);
            }

            using var response = await _http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var servedBy = response.Headers.TryGetValues("X-Served-By", out var values) ? values.First() : null;
            History.Add((method.Method, path, (int)response.StatusCode, servedBy));
            Keep(response);
            var page = new Page(path, (int)response.StatusCode, body, servedBy, response.Headers.Location?.OriginalString);
            if (!follow || page.Location is null || (int)response.StatusCode is < 300 or >= 400 || hops == 5)
            {
                return page;
            }

            method = HttpMethod.Get;
            content = null;
            path = page.Location;
        }
    }

    private void Keep(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Set-Cookie", out var headers))
        {
            return;
        }

        foreach (var header in headers)
        {
            var pair = header.Split(';', 2)[0].Split('=', 2);
            var expired = header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase);
            if (expired || pair[1].Length == 0)
            {
                _cookies.Remove(pair[0]);
            }
            else
            {
                _cookies[pair[0]] = pair[1];
            }
        }
    }

    public void Dispose() => _http.Dispose();

    /// <summary>A page as the visitor sees it: the CSRF token of its form, its flashes, who is logged in, its posts.</summary>
    internal sealed partial record Page(string Path, int Status, string Body, string? ServedBy, string? Location)
    {
        public string Csrf => CsrfField().Match(Body) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException($"No CSRF field on {Path} ({Status}):\n{Body}");

        public IReadOnlyList<string> Flashes => [.. FlashDiv().Matches(Body).Select(match => WebUtility.HtmlDecode(match.Groups[1].Value.Trim()))];

        /// <summary>The user name in the navigation bar, or <see langword="null"/> when it offers to log in.</summary>
        public string? User => NavUser().Match(Body) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;

        /// <summary>The posts listed: their titles, and their ids where the page offers to edit them (0 otherwise).</summary>
        public IReadOnlyList<(long Id, string Title)> Posts =>
            [.. PostArticle().Matches(Body).Select(match => match.Groups[1].Value).Select(article => (
                EditLink().Match(article) is { Success: true } edit ? long.Parse(edit.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0,
                WebUtility.HtmlDecode(Heading().Match(article).Groups[1].Value.Trim())))];

        [GeneratedRegex("name=\"csrf_token\" value=\"([^\"]*)\"")]
        private static partial Regex CsrfField();

        [GeneratedRegex("<div class=\"flash\">(.*?)</div>", RegexOptions.Singleline)]
        private static partial Regex FlashDiv();

        [GeneratedRegex("<nav>.*?<span>(.*?)</span>.*?</nav>", RegexOptions.Singleline)]
        private static partial Regex NavUser();

        [GeneratedRegex("<article class=\"post\">(.*?)</article>", RegexOptions.Singleline)]
        private static partial Regex PostArticle();

        [GeneratedRegex("<h1>(.*?)</h1>", RegexOptions.Singleline)]
        private static partial Regex Heading();

        [GeneratedRegex("href=\"/(\\d+)/update\"")]
        private static partial Regex EditLink();
    }
}
