using Dapper;

namespace Blog.Tests;

public class AuthTests
{
    [Fact]
    public async Task Register_stores_a_werkzeug_scrypt_hash_and_redirects_to_login()
    {
        await using var site = BlogSite.Start();
        Assert.Equal(200, (await site.Client.Get("/auth/register")).StatusCode);

        var response = await site.Submit("/auth/register", ("username", "a"), ("password", "a"));

        Assert.Equal(302, response.StatusCode);
        Assert.Equal("/auth/login", response.Location);
        using var db = site.Database.Open();
        var hash = db.QuerySingle<string>("SELECT password FROM user WHERE username = 'a'");
        Assert.StartsWith("scrypt:32768:8:1$", hash);
        Assert.True(Micro.Security.PasswordHash.Check(hash, "a"));
    }

    [Theory]
    [InlineData("", "", "Username is required.")]
    [InlineData("a", "", "Password is required.")]
    [InlineData("test", "test", "User test is already registered.")]
    public async Task Register_validates_its_input(string username, string password, string message)
    {
        await using var site = BlogSite.Start();
        var response = await site.Submit("/auth/register", ("username", username), ("password", password));
        Assert.Equal(200, response.StatusCode);
        Assert.Contains($"<div class=\"flash\">{message}</div>", response.Text);
    }

    [Fact]
    public async Task Login_redirects_to_the_index_and_remembers_the_user()
    {
        await using var site = BlogSite.Start();
        Assert.Equal(200, (await site.Client.Get("/auth/login")).StatusCode);

        var response = await site.Login();

        Assert.Equal(302, response.StatusCode);
        Assert.Equal("/", response.Location);
        var index = await site.Client.Get("/");
        Assert.Contains("<span>test</span>", index.Text);
        Assert.Contains("Log Out", index.Text);
        Assert.DoesNotContain("Log In", index.Text);
    }

    [Fact]
    public async Task Login_accepts_pbkdf2_hashes_made_by_werkzeug()
    {
        await using var site = BlogSite.Start();
        Assert.Equal("/", (await site.Login("other", "other")).Location);
        Assert.Contains("<span>other</span>", (await site.Client.Get("/")).Text);
    }

    [Theory]
    [InlineData("a", "test", "Incorrect username.")]
    [InlineData("test", "a", "Incorrect password.")]
    public async Task Login_validates_its_input(string username, string password, string message)
    {
        await using var site = BlogSite.Start();
        var response = await site.Login(username, password);
        Assert.Equal(200, response.StatusCode);
        Assert.Contains($"<div class=\"flash\">{message}</div>", response.Text);
        Assert.Contains("Log In", (await site.Client.Get("/")).Text);
    }

    [Fact]
    public async Task Logout_forgets_the_user()
    {
        await using var site = BlogSite.Start();
        await site.Login();

        var response = await site.Logout();

        Assert.Equal(302, response.StatusCode);
        Assert.Equal("/", response.Location);
        var index = await site.Client.Get("/");
        Assert.Contains("Log In", index.Text);
        Assert.DoesNotContain("<span>test</span>", index.Text);
    }

    [Fact]
    public async Task A_registered_user_can_log_in()
    {
        await using var site = BlogSite.Start();
        await site.Submit("/auth/register", ("username", "ada"), ("password", "s3cret"));
        Assert.Equal("/", (await site.Login("ada", "s3cret")).Location);
        Assert.Contains("<span>ada</span>", (await site.Client.Get("/")).Text);
    }

    [Theory]
    [InlineData("/auth/register")]
    [InlineData("/auth/login")]
    public async Task Forms_without_a_csrf_token_are_refused(string path)
    {
        await using var site = BlogSite.Start();
        var response = await site.Client.PostForm(path, [new("username", "test"), new("password", "test")], withCsrfToken: false);
        Assert.Equal(400, response.StatusCode);
        Assert.Contains("CSRF", response.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_missing_field_is_a_bad_request_as_in_flask()
    {
        await using var site = BlogSite.Start();
        var response = await site.Submit("/auth/login", ("username", "test"));
        Assert.Equal(400, response.StatusCode);
    }
}
