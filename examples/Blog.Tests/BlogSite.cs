using System.Text.RegularExpressions;
using Dapper;
using Micro.Testing;
using Microsoft.Data.Sqlite;

namespace Blog.Tests;

/// <summary>
/// The blog on its own temporary SQLite file, seeded like the Flask tutorial's tests (users "test" and "other", one
/// post by "test"), with a test client that logs in as a browser does: CSRF token from the form, then the post.
/// </summary>
public sealed partial class BlogSite : IAsyncDisposable
{
    // Made by Werkzeug 3.1: generate_password_hash("test") and generate_password_hash("other", "pbkdf2:sha256:1000").
    public const string TestHash = "scrypt:32768:8:1$ZpPeeUtfOiJgTzzj$08b84f91eb6b0ce837c31508eea7281fa735bc353b9911f94b1aa1f0566e15bb8fc2039059a012cf6231558f06166fc806aa78637d49f04e56c024855b12389b";
    public const string OtherHash = "pbkdf2:sha256:1000$svBt0vStkovvoh08$ea04c5dea435409f7bf15120967d0753cea46166c5faed424439184bf9a5d2b2";

    // The app reads its database path from configuration when it starts; MICRO_DATABASE is the only setting
    // TestClient.For<Program>() lets a test pass, so starts are serialized while the variable is set.
    private static readonly Lock StartGate = new();

    private readonly string _folder;

    private BlogSite()
    {
        _folder = Directory.CreateTempSubdirectory("blog-test-").FullName;
        Database = new Database(Path.Combine(_folder, "blog.sqlite"));
        Database.Init();
        using var db = Database.Open();
        db.Execute(
            """
            INSERT INTO user (username, password) VALUES ('test', @TestHash), ('other', @OtherHash);
            INSERT INTO post (title, body, author_id, created) VALUES ('test title', 'test' || x'0a' || 'body', 1, '2018-01-01 00:00:00');
            """,
            new { TestHash, OtherHash });
        lock (StartGate)
        {
            Environment.SetEnvironmentVariable("MICRO_DATABASE", Database.Path);
            try
            {
                Client = TestClient.For<Program>();
            }
            finally
            {
                Environment.SetEnvironmentVariable("MICRO_DATABASE", null);
            }
        }
    }

    public Database Database { get; }

    public TestClient Client { get; }

    public static BlogSite Start() => new();

    /// <summary>GETs a page with a form and returns its CSRF token.</summary>
    public async Task<string> CsrfToken(string page)
    {
        var response = await Client.Get(page);
        Assert.Equal(200, response.StatusCode);
        var match = CsrfField().Match(response.Text);
        Assert.True(match.Success, $"No csrf_token field in {page}:\n{response.Text}");
        return match.Groups[1].Value;
    }

    /// <summary>Submits a form as a browser does: the token from <paramref name="formPage"/>, then the fields.</summary>
    public async Task<TestResponse> Submit(string formPage, string action, params (string Name, string Value)[] fields)
    {
        var token = await CsrfToken(formPage);
        return await Client.PostForm(action, [new("csrf_token", token), .. fields.Select(field => new KeyValuePair<string, string>(field.Name, field.Value))]);
    }

    public Task<TestResponse> Login(string username = "test", string password = "test") =>
        Submit("/auth/login", "/auth/login", ("username", username), ("password", password));

    public Task<TestResponse> Logout() => Client.Get("/auth/logout");

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [GeneratedRegex("""name="csrf_token" value="([^"]+)""")]
    private static partial Regex CsrfField();
}
