using Micro.Testing;
using static Micro.Responses;

namespace Micro.Tests.Testing;

public sealed class TestClientTests
{
    private static MicroApp LoginApp()
    {
        var app = MicroApp.Create();
        app.Post("/login", async (Request request, Session session) =>
        {
            var form = await request.FormAsync();
            session["name"] = form["name"];
            return Redirect("/");
        });
        app.Get("/", (Session session) => $"hello {session.Get<string>("name") ?? "nobody"}");
        app.Post("/api/items", () => "created");
        return app;
    }

    [Fact]
    public async Task The_readme_sample_posts_a_csrf_protected_form_as_written()
    {
        // src/Micro.Testing/README.md: await client.PostForm("/login", [new("name", "ada")], followRedirects: true);
        await using var client = LoginApp().TestClient();
        var page = await client.PostForm("/login", [new("name", "ada")], followRedirects: true);
        Assert.Equal(200, page.StatusCode);
        Assert.Equal("hello ada", page.Text);
    }

    [Fact]
    public async Task A_token_from_CsrfToken_passes_in_the_header_and_without_it_the_post_is_refused()
    {
        await using var client = LoginApp().TestClient();
        Assert.Equal(400, (await client.PostJson("/api/items", new { name = "x" })).StatusCode);

        var token = await client.CsrfToken();
        var posted = await client.Send(HttpMethod.Post, "/api/items", System.Net.Http.Json.JsonContent.Create(new { name = "x" }), headers: [new("X-CSRFToken", token)]);
        Assert.Equal(200, posted.StatusCode);
        Assert.Equal("created", posted.Text);
    }

    [Fact]
    public async Task A_form_without_the_token_can_still_be_posted_to_test_the_check()
    {
        await using var client = LoginApp().TestClient();
        var refused = await client.PostForm("/login", [new("name", "ada")], withCsrfToken: false);
        Assert.Equal(400, refused.StatusCode);
        Assert.Contains("The CSRF token is missing", refused.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_the_test_gave_itself_is_kept()
    {
        await using var client = LoginApp().TestClient();
        var refused = await client.PostForm("/login", [new("name", "ada"), new("csrf_token", "forged")]);
        Assert.Equal(400, refused.StatusCode);
        Assert.Contains("The CSRF token is invalid", refused.Text, StringComparison.Ordinal);
    }
}
