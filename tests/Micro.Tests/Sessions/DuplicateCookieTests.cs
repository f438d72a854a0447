using System.Net;
using System.Text.Json;
using Micro.Testing;
using Micro.Tests.Support;

namespace Micro.Tests.Sessions;

/// <summary>
/// Several cookies of the session's name in one request (a stale cookie left on a parent domain or path, or one
/// planted by a sibling subdomain): Flask reads the first, as Werkzeug's <c>request.cookies.get</c> does
/// (Golden/duplicate_cookies.json, written by tools/goldens/http_goldens.py).
/// </summary>
public class DuplicateCookieTests
{
    private static readonly JsonElement Golden = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Sessions", "Golden", "duplicate_cookies.json"))).RootElement.Clone();

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var probe in Golden.GetProperty("cases").EnumerateArray())
        {
            data.Add(probe.GetProperty("cookie").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task With_several_session_cookies_the_first_one_is_read_as_in_werkzeug(string cookie)
    {
        var expected = Golden.GetProperty("cases").EnumerateArray().Single(probe => probe.GetProperty("cookie").GetString() == cookie).GetProperty("user").GetString();
        var app = TestApps.Create();
        app.Get("/set/<user>", (string user, Session session) => { session["user"] = user; });
        app.Get("/get", (Session session) => session.Get<string>("user") ?? "None");
        await using var client = app.TestClient();
        var a = await SessionCookie(client, "a");
        var b = await SessionCookie(client, "b");

        var header = cookie.Replace("{a}", a, StringComparison.Ordinal).Replace("{b}", b, StringComparison.Ordinal);
        var response = await client.Send(HttpMethod.Get, "/get", headers: [new("Cookie", header)]);

        Assert.Equal(expected ?? "None", response.Text);
    }

    [Fact]
    public async Task Several_cookie_header_lines_are_read_in_order_too()
    {
        var app = TestApps.Create();
        app.Get("/set/<user>", (string user, Session session) => { session["user"] = user; });
        app.Get("/get", (Session session) => session.Get<string>("user") ?? "None");
        await using var client = app.TestClient();
        var a = await SessionCookie(client, "a");
        var b = await SessionCookie(client, "b");

        var response = await client.Send(HttpMethod.Get, "/get", headers: [new("Cookie", "x=1; session=" + a), new("Cookie", "session=" + b)]);

        Assert.Equal("a", response.Text);
    }

    private static async Task<string> SessionCookie(TestClient client, string user)
    {
        await client.Get("/set/" + user);
        var value = client.Cookie("session")!.Value;
        foreach (Cookie cookie in client.Cookies.GetAllCookies())
        {
            cookie.Expired = true;
        }

        return value;
    }
}
