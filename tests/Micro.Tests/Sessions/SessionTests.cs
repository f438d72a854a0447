using Microsoft.Extensions.Configuration;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Micro.Sessions;
using Micro.Testing;
using Micro.Tests.Support;

namespace Micro.Tests.Sessions;

public class SessionTests
{
    private static MicroApp CounterApp(string environment = "Production", LogCollector? logs = null)
    {
        var app = TestApps.Create(environment, logs: logs);
        app.Get("/count", (Session session) =>
        {
            var count = session.Get<int>("count") + 1;
            session["count"] = count;
            return count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        });
        app.Get("/read", (Session session) => session.Get<int>("count").ToString(System.Globalization.CultureInfo.InvariantCulture));
        app.Get("/untouched", () => "nothing");
        app.Get("/clear", (Session session) => session.Clear());
        app.Get("/permanent", (Session session) =>
        {
            session.Permanent = true;
            session["user"] = "ada";
        });
        return app;
    }

    [Fact]
    public async Task A_value_set_in_one_request_is_there_in_the_next()
    {
        await using var client = CounterApp().TestClient();

        Assert.Equal("1", (await client.Get("/count")).Text);
        Assert.Equal("2", (await client.Get("/count")).Text);
        Assert.Equal("2", (await client.Get("/read")).Text);
    }

    [Fact]
    public async Task The_cookie_is_encrypted_so_values_cannot_be_read_from_it()
    {
        var app = TestApps.Create();
        app.Get("/", (Session session) => session["secret"] = "hunter2-plaintext");
        await using var client = app.TestClient();

        await client.Get("/");

        var cookie = client.Cookie("session")!.Value;
        Assert.DoesNotContain("hunter2", cookie);
        Assert.DoesNotContain("aHVudGVy", cookie);
    }

    [Fact]
    public async Task The_cookie_is_only_written_when_the_session_is_modified()
    {
        await using var client = CounterApp().TestClient();
        await client.Get("/count");

        var read = await client.Get("/read");

        Assert.Null(read.Header("Set-Cookie"));
        Assert.Equal("1", read.Text);
    }

    [Fact]
    public async Task Reading_the_session_adds_vary_cookie()
    {
        await using var client = CounterApp().TestClient();
        await client.Get("/count");

        var read = await client.Get("/read");

        Assert.Equal("Cookie", read.Header("Vary"));
        Assert.Null(read.Header("Set-Cookie"));
    }

    [Fact]
    public async Task A_request_that_does_not_touch_the_session_gets_no_vary_and_no_cookie()
    {
        await using var client = CounterApp().TestClient();
        await client.Get("/count");

        var untouched = await client.Get("/untouched");

        Assert.Null(untouched.Header("Vary"));
        Assert.Null(untouched.Header("Set-Cookie"));
    }

    [Fact]
    public async Task Clearing_the_session_deletes_its_cookie()
    {
        await using var client = CounterApp().TestClient();
        await client.Get("/count");

        var cleared = await client.Get("/clear");

        Assert.Contains("session=;", cleared.Header("Set-Cookie"));
        Assert.Contains("expires=Thu, 01 Jan 1970", cleared.Header("Set-Cookie"));
        Assert.Null(client.Cookie("session"));
        Assert.Equal("0", (await client.Get("/read")).Text);
    }

    [Fact]
    public async Task The_cookie_defaults_to_httponly_samesite_lax_and_path_root_for_the_browser_session()
    {
        await using var client = CounterApp().TestClient();

        var setCookie = (await client.Get("/count")).Header("Set-Cookie")!;

        Assert.StartsWith("session=", setCookie);
        Assert.Contains("path=/", setCookie);
        Assert.Contains("samesite=lax", setCookie);
        Assert.Contains("httponly", setCookie);
        Assert.DoesNotContain("expires=", setCookie);
        Assert.DoesNotContain("secure", setCookie);
    }

    [Fact]
    public async Task A_permanent_session_cookie_expires_after_the_configured_lifetime()
    {
        var app = CounterApp();
        app.Services.Configure<MicroSessionOptions>(options => options.Lifetime = TimeSpan.FromDays(2));
        await using var client = app.TestClient();

        await client.Get("/permanent");

        var expires = client.Cookie("session")!.Expires.ToUniversalTime();
        Assert.InRange(expires, DateTime.UtcNow.AddDays(2).AddMinutes(-5), DateTime.UtcNow.AddDays(2).AddMinutes(5));
    }

    [Fact]
    public async Task A_permanent_session_is_refreshed_on_every_request_unless_turned_off()
    {
        await using (var client = CounterApp().TestClient())
        {
            await client.Get("/permanent");
            Assert.NotNull((await client.Get("/untouched")).Header("Set-Cookie"));
        }

        var app = CounterApp();
        app.Services.Configure<MicroSessionOptions>(options => options.RefreshEachRequest = false);
        await using (var client = app.TestClient())
        {
            await client.Get("/permanent");
            Assert.Null((await client.Get("/untouched")).Header("Set-Cookie"));
        }
    }

    [Fact]
    public async Task Cookie_name_domain_and_secure_come_from_configuration()
    {
        var app = CounterApp();
        app.Builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Session:Cookie:Name"] = "sid",
            ["Session:Cookie:Domain"] = "localhost",
            ["Session:Cookie:SecurePolicy"] = "Always",
            ["Session:Cookie:SameSite"] = "Strict",
        });
        await using var client = app.TestClient();

        var setCookie = (await client.Get("/count")).Header("Set-Cookie")!;

        Assert.StartsWith("sid=", setCookie);
        Assert.Contains("domain=localhost", setCookie);
        Assert.Contains("secure", setCookie);
        Assert.Contains("samesite=strict", setCookie);
    }

    [Fact]
    public async Task Values_read_back_as_json_gives_them_and_typed_with_get()
    {
        var app = TestApps.Create();
        app.Post("/store", async (Request request, Session session) =>
        {
            var form = await request.FormAsync();
            session["name"] = form["name"];
            session["tags"] = form.GetList("tag");
            session["point"] = new Point(3, 4);
            session["ratio"] = 0.5;
            session["nothing"] = null;
        }).DisableCsrf();
        app.Get("/load", (Session session) => new
        {
            Name = session["name"] is string name ? name : "not a string",
            Tags = session["tags"] is List<object?> tags ? tags.Count : -1,
            Point = session.Get<Point>("point"),
            Ratio = session["ratio"] is double ratio ? ratio : -1,
            HasNothing = session.ContainsKey("nothing"),
            Missing = session.Get("missing", "default"),
        });
        await using var client = app.TestClient();

        await client.PostForm("/store", [new("name", "Ada"), new("tag", "a"), new("tag", "b")]);
        var loaded = await client.Get("/load");

        Assert.Equal("""{"name":"Ada","tags":2,"point":{"x":3,"y":4},"ratio":0.5,"hasNothing":true,"missing":"default"}""", loaded.Text);
    }

    [Fact]
    public async Task A_before_request_hook_and_an_error_handler_see_the_same_session()
    {
        var app = TestApps.Create();
        app.BeforeRequest((Session session) => { session["seen"] = "hook"; });
        app.Get("/boom", string () => throw new HttpException(418, "teapot"));
        app.ErrorHandler(418, (Session session) => ($"error handler saw {session["seen"]}", 418));
        await using var client = app.TestClient();

        var boom = await client.Get("/boom");

        Assert.Equal("error handler saw hook", boom.Text);
        Assert.NotNull(client.Cookie("session"));
    }

    [Theory]
    [InlineData("tampered")]
    [InlineData("truncated")]
    [InlineData("garbage")]
    [InlineData("empty-json")]
    public async Task A_bad_cookie_gives_an_empty_session_and_a_log_line_not_an_error(string damage)
    {
        var logs = new LogCollector();
        var client = CounterApp(logs: logs).TestClient();
        await using var _ = client;
        await client.Get("/count");
        var good = client.Cookie("session")!.Value;
        var bad = damage switch
        {
            "tampered" => good[..20] + (good[20] == 'A' ? 'B' : 'A') + good[21..],
            "truncated" => good[..(good.Length / 2)],
            "garbage" => "%%%not-base64%%%",
            _ => "e30",
        };
        client.SetCookie("session", bad);

        var read = await client.Get("/read");

        Assert.Equal(200, read.StatusCode);
        Assert.Equal("0", read.Text);
        Assert.Contains(logs.Messages("Micro.Sessions"), message => message.Contains("was refused", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_expired_cookie_gives_an_empty_session_and_a_log_line()
    {
        var logs = new LogCollector();
        var app = CounterApp(logs: logs);
        await using var client = app.TestClient();
        var protector = SessionCookieCodec.Protector(app.Build().Services.GetRequiredService<IDataProtectionProvider>());
        var expired = SessionCookieCodec.Protect(protector, """{"count":41}"""u8.ToArray(), DateTimeOffset.UtcNow.AddMinutes(-1));
        var fresh = SessionCookieCodec.Protect(protector, """{"count":41}"""u8.ToArray(), DateTimeOffset.UtcNow.AddMinutes(1));

        client.SetCookie("session", fresh);
        Assert.Equal("41", (await client.Get("/read")).Text);
        client.SetCookie("session", expired);
        Assert.Equal("0", (await client.Get("/read")).Text);
        Assert.Contains(logs.Messages("Micro.Sessions"), message => message.Contains("expired", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_cookie_from_another_app_gives_an_empty_session()
    {
        var other = CounterApp();
        other.Services.AddDataProtection().SetApplicationName("another-app");
        string foreign;
        await using (var otherClient = other.TestClient())
        {
            await otherClient.Get("/count");
            foreign = otherClient.Cookie("session")!.Value;
        }

        var logs = new LogCollector();
        await using var client = CounterApp(logs: logs).TestClient();
        client.SetCookie("session", foreign);

        Assert.Equal("0", (await client.Get("/read")).Text);
        Assert.Single(logs.Messages("Micro.Sessions"));
    }

    [Fact]
    public async Task A_session_too_large_for_a_cookie_fails_loudly_in_development()
    {
        var app = TestApps.Create("Development");
        app.Get("/big", (Session session) => session["blob"] = new string('x', 5000));
        await using var client = app.TestClient();

        var big = await client.Get("/big");

        Assert.Equal(500, big.StatusCode);
        Assert.Contains("over the 4093-byte limit", big.Text);
        Assert.Null(client.Cookie("session"));
    }

    [Fact]
    public async Task A_session_too_large_for_a_cookie_is_logged_as_an_error_in_production()
    {
        var logs = new LogCollector();
        var app = TestApps.Create("Production", logs: logs);
        app.Get("/big", (Session session) => { session["blob"] = new string('x', 5000); });
        await using var client = app.TestClient();

        var big = await client.Get("/big");

        Assert.Equal(204, big.StatusCode);
        Assert.Null(big.Header("Set-Cookie"));
        Assert.Contains(logs.Entries, entry => entry.Category == "Micro.Sessions" && entry.Level == Microsoft.Extensions.Logging.LogLevel.Error);
    }

    private sealed record Point(int X, int Y);
}
