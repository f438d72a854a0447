using Microsoft.Extensions.Configuration;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Micro.Testing;
using Micro.Tests.Support;

namespace Micro.Tests.Security;

public partial class CsrfTests
{
    private static MicroApp FormApp()
    {
        var app = TestApps.Create();
        app.Get("/form", (Request request) => $"<form method=post>{Csrf.HiddenField(request)}</form>");
        app.Get("/token", (Request request) => Csrf.Token(request));
        app.Post("/comment", async (Request request) => "posted " + (await request.FormAsync())["text"]);
        app.Route("/thing", () => "changed", ["PUT", "DELETE"]);
        app.Post("/hook", () => "hooked").DisableCsrf();
        app.Post("/api/items", async (Request request) => await request.JsonAsync<Dictionary<string, string>>());
        app.Post("/bound", (Microsoft.AspNetCore.Http.IFormCollection form) => "bound " + form["text"]);
        var api = new Blueprint("api", urlPrefix: "/v1").DisableCsrf();
        api.Post("/ping", () => "pong");
        api.Post("/bound", (Microsoft.AspNetCore.Http.IFormCollection form) => "bound " + form["text"]);
        app.Register(api);
        return app;
    }

    private static async Task<string> TokenFromFormAsync(TestClient client)
    {
        var page = await client.Get("/form");
        return Token().Match(page.Text).Groups[1].Value;
    }

    [GeneratedRegex("name=\"csrf_token\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [Fact]
    public async Task A_form_posted_with_the_token_from_its_page_is_accepted()
    {
        await using var client = FormApp().TestClient();
        var token = await TokenFromFormAsync(client);

        var posted = await client.PostForm("/comment", [new("csrf_token", token), new("text", "hi")]);

        Assert.Equal(200, posted.StatusCode);
        Assert.Equal("posted hi", posted.Text);
    }

    [Fact]
    public async Task A_form_posted_without_a_token_is_a_400_that_says_so()
    {
        await using var client = FormApp().TestClient();
        await TokenFromFormAsync(client);

        var posted = await client.PostForm("/comment", [new("text", "hi")], withCsrfToken: false);

        Assert.Equal(400, posted.StatusCode);
        Assert.Contains("The CSRF token is missing.", posted.Text);
    }

    [Fact]
    public async Task A_token_replayed_by_another_browser_is_rejected()
    {
        await using var victim = FormApp().TestClient();
        var token = await TokenFromFormAsync(victim);
        await using var attacker = FormApp().TestClient();
        await TokenFromFormAsync(attacker);

        var posted = await attacker.PostForm("/comment", [new("csrf_token", token), new("text", "hi")]);

        Assert.Equal(400, posted.StatusCode);
        Assert.Contains("The CSRF token is invalid", posted.Text);
    }

    [Fact]
    public async Task A_token_without_its_cookie_is_rejected()
    {
        await using var client = FormApp().TestClient();
        var token = await TokenFromFormAsync(client);
        var name = client.Cookies.GetAllCookies().Single(cookie => cookie.Name.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal)).Name;
        client.Cookies.SetCookies(new Uri("http://localhost/"), $"{name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/");

        var posted = await client.PostForm("/comment", [new("csrf_token", token), new("text", "hi")]);

        Assert.Equal(400, posted.StatusCode);
    }

    [Fact]
    public async Task A_tampered_token_is_rejected()
    {
        await using var client = FormApp().TestClient();
        var token = await TokenFromFormAsync(client);
        var tampered = token[..10] + (token[10] == 'A' ? 'B' : 'A') + token[11..];

        var posted = await client.PostForm("/comment", [new("csrf_token", tampered), new("text", "hi")]);

        Assert.Equal(400, posted.StatusCode);
    }

    [Fact]
    public async Task Scripts_may_send_the_token_in_the_x_csrftoken_header()
    {
        await using var client = FormApp().TestClient();
        var token = (await client.Get("/token")).Text;

        var posted = await client.Send(HttpMethod.Put, "/thing", new FormUrlEncodedContent([new("a", "b")]), headers: [new("X-CSRFToken", token)]);

        Assert.Equal(200, posted.StatusCode);
    }

    [Fact]
    public async Task Multipart_forms_are_checked_like_url_encoded_ones()
    {
        await using var client = FormApp().TestClient();
        var form = new MultipartFormDataContent { { new StringContent("hi"), "text" } };

        Assert.Equal(400, (await client.Post("/comment", form)).StatusCode);
    }

    [Fact]
    public async Task Put_patch_and_delete_forms_are_checked_too()
    {
        await using var client = FormApp().TestClient();

        Assert.Equal(400, (await client.Send(HttpMethod.Delete, "/thing", new FormUrlEncodedContent([new("a", "b")]))).StatusCode);
    }

    [Fact]
    public async Task Json_text_and_bodiless_requests_are_checked_too()
    {
        await using var client = FormApp().TestClient();
        var token = (await client.Get("/token")).Text;

        Assert.Equal(400, (await client.PostJson("/api/items", new { name = "x" })).StatusCode);
        Assert.Equal(400, (await client.Post("/api/items", new StringContent("""{"name":"x"}"""))).StatusCode);
        Assert.Equal(400, (await client.Send(HttpMethod.Delete, "/thing")).StatusCode);
        Assert.Equal(200, (await client.Send(HttpMethod.Post, "/api/items", JsonContent(), headers: [new("X-CSRFToken", token)])).StatusCode);
        Assert.Equal(200, (await client.Send(HttpMethod.Delete, "/thing", headers: [new("X-CSRFToken", token)])).StatusCode);

        static StringContent JsonContent() => new("""{"name":"x"}""", System.Text.Encoding.UTF8, "application/json");
    }

    [Fact]
    public async Task A_request_without_a_token_is_told_how_to_send_one()
    {
        await using var client = FormApp().TestClient();

        var posted = await client.Post("/api/items", new StringContent("""{"name":"x"}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(400, posted.StatusCode);
        Assert.Contains("The CSRF token is missing. Every POST must carry it, whatever its body", posted.Text);
        Assert.Contains("&#39;X-CSRFToken&#39; header", posted.Text);
    }

    [Fact]
    public async Task Get_requests_are_never_checked()
    {
        await using var client = FormApp().TestClient();

        Assert.Equal(200, (await client.Get("/form")).StatusCode);
    }

    [Fact]
    public async Task A_route_opted_out_with_disable_csrf_accepts_posts_without_a_token()
    {
        await using var client = FormApp().TestClient();

        var posted = await client.PostForm("/hook", [new("event", "push")]);

        Assert.Equal("hooked", posted.Text);
    }

    [Fact]
    public async Task A_blueprint_opted_out_with_disable_csrf_accepts_posts_without_a_token()
    {
        await using var client = FormApp().TestClient();

        var posted = await client.PostForm("/v1/ping", [new("x", "y")]);

        Assert.Equal("pong", posted.Text);
    }

    [Fact]
    public async Task Handlers_that_bind_the_form_as_a_parameter_are_checked_the_same_way()
    {
        await using var client = FormApp().TestClient();
        var token = await TokenFromFormAsync(client);

        Assert.Equal(400, (await client.PostForm("/bound", [new("text", "hi")], withCsrfToken: false)).StatusCode);
        Assert.Equal("bound hi", (await client.PostForm("/bound", [new("csrf_token", token), new("text", "hi")])).Text);
        Assert.Equal("bound hi", (await client.PostForm("/v1/bound", [new("text", "hi")])).Text);
    }

    [Fact]
    public async Task Checks_can_be_turned_off_in_configuration()
    {
        var app = FormApp();
        app.Builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Csrf:Enabled"] = "false" });
        await using var client = app.TestClient();

        var posted = await client.PostForm("/comment", [new("text", "hi")], withCsrfToken: false);

        Assert.Equal("posted hi", posted.Text);
    }

    [Fact]
    public async Task A_rejected_token_goes_through_the_400_error_handler_before_any_before_hook()
    {
        var app = FormApp();
        var hookRan = false;
        app.BeforeRequest(() => { hookRan = true; });
        app.ErrorHandler(400, (HttpException error) => "custom: " + error.Description);
        await using var client = app.TestClient();

        var posted = await client.PostForm("/comment", [new("text", "hi")], withCsrfToken: false);

        Assert.Equal(400, posted.StatusCode);
        Assert.StartsWith("custom: The CSRF token is missing.", posted.Text);
        Assert.False(hookRan);
    }

    [Fact]
    public async Task A_form_over_the_body_limit_is_a_413_before_its_token_is_looked_at()
    {
        var app = FormApp();
        app.MaxContentLength = 100;
        await using var client = app.TestClient();

        var posted = await client.PostForm("/comment", [new("text", new string('x', 500))]);

        Assert.Equal(413, posted.StatusCode);
    }

    [Fact]
    public async Task A_malformed_multipart_body_is_a_400_not_a_500()
    {
        await using var client = FormApp().TestClient();
        var body = new StringContent("--boundary\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nunterminated");
        body.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=boundary");

        var posted = await client.Post("/comment", body);

        Assert.Equal(400, posted.StatusCode);
    }

    [Fact]
    public async Task The_hidden_field_is_named_as_in_flask_wtf_and_comes_with_the_csrf_cookie()
    {
        await using var client = FormApp().TestClient();

        var page = await client.Get("/form");

        Assert.Matches("^<form method=post><input type=\"hidden\" name=\"csrf_token\" value=\"[A-Za-z0-9_-]+\"></form>$", page.Text);
        Assert.NotNull(client.Cookies.GetAllCookies().FirstOrDefault(cookie => cookie.Name.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal)));
    }
}
