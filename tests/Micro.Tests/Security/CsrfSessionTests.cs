using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Micro.Testing;
using Micro.Tests.Support;

namespace Micro.Tests.Security;

/// <summary>CSRF tokens are bound to the session that got them, retired when it is cleared, and their cookie is as secure as the session's.</summary>
public class CsrfSessionTests
{
    private static MicroApp App(LogCollector? logs = null, bool serverSide = false)
    {
        var app = TestApps.Create(logs: logs);
        if (serverSide)
        {
            app.Services.Configure<MicroSessionOptions>(options => options.ServerSide = true);
            app.Services.AddSingleton<IDistributedCache>(new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions())));
        }

        app.Get("/token", (Request request) => Csrf.Token(request));
        app.Post("/login/<name>", (string name, Session session) =>
        {
            // As the docs and the Blog log in: a fresh session, then the user.
            session.Clear();
            session["user"] = name;
            return name;
        });
        app.Post("/note", (Session session) => { session["note"] = "kept"; return "noted"; });
        app.Post("/change", (Session session) => "changed by " + (session.Get<string>("user") ?? "nobody"));
        app.Get("/whoami", (Session session) => session.Get<string>("user") ?? "nobody");
        return app;
    }

    private static Task<TestResponse> Post(TestClient client, string url, string token) =>
        client.Send(HttpMethod.Post, url, headers: [new("X-CSRFToken", token)]);

    [Fact]
    public async Task A_token_issued_before_login_is_refused_after_it()
    {
        await using var client = App().TestClient();
        var before = (await client.Get("/token")).Text;
        Assert.Equal("ada", (await Post(client, "/login/ada", before)).Text);

        var replayed = await Post(client, "/change", before);

        Assert.Equal(400, replayed.StatusCode);
        Assert.Contains("The CSRF session token is missing", replayed.Text);
        var after = (await client.Get("/token")).Text;
        Assert.Equal("changed by ada", (await Post(client, "/change", after)).Text);
    }

    [Fact]
    public async Task A_token_issued_before_login_is_refused_after_it_with_server_side_sessions_too()
    {
        await using var client = App(serverSide: true).TestClient();
        var before = (await client.Get("/token")).Text;
        await Post(client, "/login/ada", before);

        Assert.Equal(400, (await Post(client, "/change", before)).StatusCode);
        Assert.Equal("changed by ada", (await Post(client, "/change", (await client.Get("/token")).Text)).Text);
    }

    [Fact]
    public async Task Clearing_a_server_side_session_gives_it_a_new_id_so_a_cookie_from_before_login_stays_logged_out()
    {
        // Session fixation: a session cookie planted before the victim logs in must not become the victim's login.
        await using var client = App(serverSide: true).TestClient();
        var token = (await client.Get("/token")).Text;
        var planted = client.Cookie("session")!.Value;

        await Post(client, "/login/ada", token);

        Assert.Equal("ada", (await client.Get("/whoami")).Text);
        Assert.NotEqual(planted, client.Cookie("session")!.Value);
        client.SetCookie("session", planted);
        Assert.Equal("nobody", (await client.Get("/whoami")).Text);
    }

    [Fact]
    public async Task A_token_keeps_working_while_the_session_changes_in_other_ways()
    {
        await using var client = App().TestClient();
        var token = (await client.Get("/token")).Text;

        Assert.Equal("noted", (await Post(client, "/note", token)).Text);
        Assert.Equal("noted", (await Post(client, "/note", token)).Text);
        Assert.Equal(200, (await Post(client, "/change", token)).StatusCode);
    }

    [Fact]
    public async Task One_browsers_csrf_cookie_and_token_are_refused_with_another_browsers_session()
    {
        await using var client = App().TestClient();
        var victim = new Browser(client);
        await victim.Send(HttpMethod.Get, "/token");
        await victim.Send(HttpMethod.Post, "/login/victim", headers: [new("X-CSRFToken", (await victim.Send(HttpMethod.Get, "/token")).Text)]);
        await victim.Send(HttpMethod.Get, "/token");
        var attacker = new Browser(client);
        var attackerToken = (await attacker.Send(HttpMethod.Get, "/token")).Text;
        foreach (var (name, value) in attacker.Jar.Where(cookie => cookie.Key != "session"))
        {
            victim.Jar[name] = value;
        }

        var forged = await victim.Send(HttpMethod.Post, "/change", headers: [new("X-CSRFToken", attackerToken)]);

        Assert.Equal(400, forged.StatusCode);
        Assert.Contains("The CSRF token is invalid", forged.Text);
    }

    [Fact]
    public async Task Issuing_a_token_stores_its_binding_in_the_session_under_flask_wtfs_key()
    {
        var app = App();
        app.Get("/keys", (Session session) => string.Join(",", session.Keys.Order(StringComparer.Ordinal)));
        await using var client = app.TestClient();

        var page = await client.Get("/token");

        Assert.NotNull(client.Cookie("session"));
        Assert.Contains("Cookie", page.Header("Vary"));
        Assert.Equal("csrf_token", (await client.Get("/keys")).Text);
    }

    [Fact]
    public async Task Rejections_are_logged_with_the_reason()
    {
        var logs = new LogCollector();
        await using var client = App(logs).TestClient();
        await client.Get("/token");

        await client.Post("/change");
        await client.Post("/change", new StringContent("x=1"));

        var messages = logs.Messages("Micro.Csrf").ToList();
        Assert.Equal(2, messages.Count);
        Assert.All(messages, message => Assert.StartsWith("CSRF check failed for POST /change: no token", message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_csrf_cookie_is_secure_samesite_lax_and_httponly_over_https_like_the_session_cookie()
    {
        var app = App();
        app.Configure(pipeline => pipeline.Use((context, next) =>
        {
            context.Request.Scheme = "https";
            return next();
        }));
        await using var client = app.TestClient();
        var browser = new Browser(client);

        var page = await browser.Send(HttpMethod.Get, "/token");

        var cookies = page.Headers.SetCookie.Select(cookie => cookie!.ToLowerInvariant()).ToList();
        var session = Assert.Single(cookies, cookie => cookie.StartsWith("session=", StringComparison.Ordinal));
        var csrf = Assert.Single(cookies, cookie => cookie.StartsWith(".aspnetcore.antiforgery", StringComparison.Ordinal));
        Assert.Contains("; secure", session);
        Assert.Contains("; secure", csrf);
        Assert.Contains("; samesite=lax", csrf);
        Assert.Contains("; httponly", csrf);
        Assert.Equal("changed by nobody", (await browser.Send(HttpMethod.Post, "/change", headers: [new("X-CSRFToken", page.Text)])).Text);
    }

    [Fact]
    public async Task The_csrf_cookie_is_secure_whenever_the_session_cookie_is_configured_so_without_refusing_plain_http()
    {
        // Behind a TLS proxy without forwarded headers the app sees http, yet the browser talks https.
        var app = App();
        app.Services.Configure<MicroSessionOptions>(options => options.Cookie.SecurePolicy = CookieSecurePolicy.Always);
        await using var client = app.TestClient();

        var page = await client.Get("/token");

        Assert.Equal(200, page.StatusCode);
        var csrf = Assert.Single(page.Headers.SetCookie, cookie => cookie!.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal))!;
        Assert.Contains("; secure", csrf, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Over_plain_http_by_default_neither_cookie_is_secure()
    {
        await using var client = App().TestClient();

        var page = await client.Get("/token");

        Assert.All(page.Headers.SetCookie, cookie => Assert.DoesNotContain("secure", cookie!, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(2, page.Headers.SetCookie.Count);
    }

    [Theory]
    [InlineData("utf-7")]
    [InlineData("no-such-charset")]
    public async Task A_form_in_a_charset_the_reader_cannot_decode_is_a_400_on_every_kind_of_form_route(string charset)
    {
        var app = TestApps.Create();
        app.Post("/read", async (Request request) => (await request.FormAsync())["a"].ToString()).DisableCsrf();
        app.Post("/bound", (IFormCollection form) => form["a"].ToString()).DisableCsrf();
        app.Post("/checked", async (Request request) => (await request.FormAsync())["a"].ToString());
        await using var client = app.TestClient();

        foreach (var url in new[] { "/read", "/bound", "/checked" })
        {
            var body = new ByteArrayContent(Encoding.ASCII.GetBytes("a=1"));
            body.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded; charset=" + charset);

            var posted = await client.Post(url, body);

            Assert.Equal(400, posted.StatusCode);
            Assert.Contains($"The form&#39;s charset &#39;{charset}&#39; is not supported", posted.Text);
        }
    }

    [Theory]
    [InlineData("utf-8")]
    [InlineData("UTF-8")]
    [InlineData("iso-8859-1")]
    public async Task A_form_in_a_charset_the_reader_knows_is_read(string charset)
    {
        var app = TestApps.Create();
        app.Post("/read", async (Request request) => (await request.FormAsync())["a"].ToString()).DisableCsrf();
        await using var client = app.TestClient();
        var body = new ByteArrayContent(Encoding.ASCII.GetBytes("a=1"));
        body.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded; charset=" + charset);

        Assert.Equal("1", (await client.Post("/read", body)).Text);
    }
}
