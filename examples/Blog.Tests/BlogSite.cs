using Dapper;
using Micro.Testing;
using Microsoft.Data.Sqlite;

namespace Blog.Tests;

/// <summary>
/// The blog on its own temporary SQLite file, seeded like the Flask tutorial's tests (users "test" and "other", one
/// post by "test"), with a test client that logs in as a browser does (the client carries the CSRF token a form page would give).
/// </summary>
public sealed class BlogSite : IAsyncDisposable
{
    // Made by Werkzeug 3.1: generate_password_hash("test") and generate_password_hash("other", "pbkdf2:sha256:1000").
    public const string TestHash = "scrypt:32768:8:1$ZpPeeUtfOiJgTzzj$08b84f91eb6b0ce837c31508eea7281fa735bc353b9911f94b1aa1f0566e15bb8fc2039059a012cf6231558f06166fc806aa78637d49f04e56c024855b12389b";
    public const string OtherHash = "pbkdf2:sha256:1000$svBt0vStkovvoh08$ea04c5dea435409f7bf15120967d0753cea46166c5faed424439184bf9a5d2b2";

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

        // Flask's create_app({"DATABASE": path}): the setting is in place before Program.cs reads it.
        Client = TestClient.For<Program>(config => config["Database"] = Database.Path);
    }

    public Database Database { get; }

    public TestClient Client { get; }

    public static BlogSite Start() => new();

    /// <summary>Submits a form as a browser does from the form's page (the test client adds the page's CSRF token).</summary>
    public Task<TestResponse> Submit(string action, params (string Name, string Value)[] fields) =>
        Client.PostForm(action, fields.Select(field => new KeyValuePair<string, string>(field.Name, field.Value)));

    public Task<TestResponse> Login(string username = "test", string password = "test") =>
        Submit("/auth/login", ("username", username), ("password", password));

    public Task<TestResponse> Logout() => Client.Get("/auth/logout");

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
