using System.Net.Http.Headers;
using System.Text;
using Micro.Testing;
using Micro.Tests.Support;
using Microsoft.Net.Http.Headers;

namespace Micro.Tests.Security;

/// <summary>
/// The whole class of CSRF bypasses, as a table: every unsafe method × every kind of body a browser or script can
/// send × every state of the token. Only a valid token bound to the request's session lets the handler run.
/// </summary>
public class CsrfMatrixTests
{
    // Every kind of body: what a plain HTML form can send (url-encoded, multipart, text/plain), none at all, JSON,
    // and forms with charsets the form reader supports or does not.
    private static readonly BodyKind[] Bodies =
    [
        new("none", IsForm: false, Readable: true, _ => null),
        new("text/plain", IsForm: false, Readable: true, _ => Text("text=hi\r\n", "text/plain")),
        new("text/plain looking like a form", IsForm: false, Readable: true, _ => Text("csrf_token=x&text=hi", "text/plain")),
        new("json", IsForm: false, Readable: true, _ => Text("""{"text":"hi"}""", "application/json")),
        new("octet-stream", IsForm: false, Readable: true, _ => new ByteArrayContent([1, 2, 3]) { Headers = { ContentType = new("application/octet-stream") } }),
        new("urlencoded", IsForm: true, Readable: true, token => new FormUrlEncodedContent(Fields(token))),
        new("urlencoded; charset=utf-8", IsForm: true, Readable: true, token => Text(Encoded(token), "application/x-www-form-urlencoded; charset=utf-8")),
        new("urlencoded; charset=iso-8859-1", IsForm: true, Readable: true, token => Text(Encoded(token), "application/x-www-form-urlencoded; charset=iso-8859-1")),
        new("urlencoded; charset=utf-7", IsForm: true, Readable: false, token => Text(Encoded(token), "application/x-www-form-urlencoded; charset=utf-7")),
        new("urlencoded; charset=no-such-charset", IsForm: true, Readable: false, token => Text(Encoded(token), "application/x-www-form-urlencoded; charset=no-such-charset")),
        new("multipart", IsForm: true, Readable: true, token => Multipart(token)),
    ];

    private static readonly string[] Tokens = ["form field", "X-CSRFToken header", "X-CSRF-Token header", "absent", "wrong", "another session's"];

    public static TheoryData<string> Methods() => new("POST", "PUT", "PATCH", "DELETE");

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task Only_a_valid_token_of_this_session_lets_an_unsafe_request_through_whatever_its_body(string method)
    {
        var runs = 0;
        var app = TestApps.Create();
        app.Get("/login/<name>", (string name, Session session) => { session["user"] = name; });
        app.Get("/token", (Request request) => Csrf.Token(request));
        app.Route("/change", () => { Interlocked.Increment(ref runs); return "changed"; }, ["POST", "PUT", "PATCH", "DELETE"]);
        await using var client = app.TestClient();
        var victim = new Browser(client);
        await victim.Send(HttpMethod.Get, "/login/victim");
        var victimToken = (await victim.Send(HttpMethod.Get, "/token")).Text;
        var attacker = new Browser(client);
        await attacker.Send(HttpMethod.Get, "/login/attacker");
        var attackerToken = (await attacker.Send(HttpMethod.Get, "/token")).Text;

        // The attacker's CSRF cookie planted in the victim's browser, next to the victim's session cookie.
        var mixed = new Browser(client);
        mixed.Jar["session"] = victim.Jar["session"];
        foreach (var (name, value) in attacker.Jar.Where(cookie => cookie.Key != "session"))
        {
            mixed.Jar[name] = value;
        }

        var wrong = victimToken[..10] + (victimToken[10] == 'A' ? 'B' : 'A') + victimToken[11..];
        var mismatches = new List<string>();
        foreach (var body in Bodies)
        {
            foreach (var state in Tokens)
            {
                if (state == "form field" && !body.IsForm)
                {
                    continue;
                }

                var (browser, token) = state switch
                {
                    "another session's" => (mixed, attackerToken),
                    "wrong" => (victim, wrong),
                    "absent" => (victim, null),
                    _ => (victim, victimToken),
                };
                var inField = body.IsForm && state != "X-CSRFToken header" && state != "X-CSRF-Token header";
                List<KeyValuePair<string, string>> headers = token is null || inField ? [] : [new(state == "X-CSRF-Token header" ? "X-CSRF-Token" : "X-CSRFToken", token)];
                var before = runs;

                var response = await browser.Send(new HttpMethod(method), "/change", body.Make(inField ? token : null), headers);

                var valid = body.Readable && state is "form field" or "X-CSRFToken header" or "X-CSRF-Token header";
                var ran = runs != before;
                if (valid ? response.StatusCode != 200 || !ran : response.StatusCode != 400 || ran)
                {
                    mismatches.Add($"{method}, body {body.Name}, token {state}: {response.StatusCode}{(ran ? ", handler ran" : "")} {response.Text[..Math.Min(120, response.Text.Length)]}");
                }
            }
        }

        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    private static List<KeyValuePair<string, string>> Fields(string? token) =>
        token is null ? [new("text", "hi")] : [new("csrf_token", token), new("text", "hi")];

    private static string Encoded(string? token) => string.Join('&', Fields(token).Select(field => field.Key + "=" + Uri.EscapeDataString(field.Value)));

    private static ByteArrayContent Text(string text, string contentType)
    {
        var content = new ByteArrayContent(Encoding.ASCII.GetBytes(text));
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    private static MultipartFormDataContent Multipart(string? token)
    {
        var content = new MultipartFormDataContent();
        foreach (var (name, value) in Fields(token))
        {
            content.Add(new StringContent(value), name);
        }

        return content;
    }

    private sealed record BodyKind(string Name, bool IsForm, bool Readable, Func<string?, HttpContent?> Make);
}

/// <summary>A browser's cookie jar over a shared test client, so several browsers can talk to one app.</summary>
internal sealed class Browser(TestClient client)
{
    public Dictionary<string, string> Jar { get; } = new(StringComparer.Ordinal);

    public async Task<TestResponse> Send(HttpMethod method, string url, HttpContent? body = null, IEnumerable<KeyValuePair<string, string>>? headers = null)
    {
        Forget();
        List<KeyValuePair<string, string>> sent = [.. headers ?? []];
        if (Jar.Count > 0)
        {
            sent.Add(new("Cookie", string.Join("; ", Jar.Select(cookie => cookie.Key + "=" + cookie.Value))));
        }

        var response = await client.Send(method, url, body, headers: sent);
        Forget();
        if (SetCookieHeaderValue.TryParseList(response.Headers.SetCookie, out var cookies))
        {
            foreach (var cookie in cookies)
            {
                if (cookie.Expires is { } expires && expires < DateTimeOffset.UtcNow)
                {
                    Jar.Remove(cookie.Name.ToString());
                }
                else
                {
                    Jar[cookie.Name.ToString()] = cookie.Value.ToString();
                }
            }
        }

        return response;
    }

    private void Forget()
    {
        foreach (System.Net.Cookie cookie in client.Cookies.GetAllCookies())
        {
            cookie.Expired = true;
        }
    }
}
