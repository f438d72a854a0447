using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Micro.Testing;
using Micro.Tests.Support;
using static Micro.Responses;

namespace Micro.Tests;

/// <summary>The program the design brief shows, written as a user would, end to end.</summary>
public class DesignExampleTests
{
    [Fact]
    public async Task The_design_brief_example_runs()
    {
        using var site = new TempFolder();
        site.Write("templates/user.html", "<h1>{{ user.name }}</h1>{% for m in get_flashed_messages() %}<p>{{ m }}</p>{% endfor %}");
        var app = TestApps.Create(contentRoot: site.Path);
        app.Services.AddSingleton<UserStore>();

        app.Get("/", () => "<h1>Hello, World!</h1>", endpoint: "index");
        app.Get("/users/<int:id>", (int id, UserStore users) =>
            users.Find(id) is { } user
                ? app.Render("user.html", new { user })
                : Abort(404));
        app.Post("/signup", async (Request request, Session session) =>
        {
            var form = await request.FormAsync();
            session["name"] = form["name"];
            session.Flash($"Welcome, {form["name"]}!");
            return Redirect(app.UrlFor("index"));
        }).DisableCsrf();
        app.Register<AdminPages>();
        await using var client = app.TestClient();

        Assert.Equal("<h1>Hello, World!</h1>", (await client.Get("/")).Text);
        Assert.Equal("<h1>Ada</h1>", (await client.Get("/users/1")).Text);
        Assert.Equal(404, (await client.Get("/users/2")).StatusCode);
        var signup = await client.PostForm("/signup", [new("name", "Grace")]);
        Assert.Equal(302, signup.StatusCode);
        Assert.Equal("/", signup.Location);
        Assert.Equal("<h1>Ada</h1><p>Welcome, Grace!</p>", (await client.Get("/users/1")).Text);
        Assert.Equal("admin user 1", (await client.Get("/admin/users/1")).Text);
        Assert.Equal("edit 1 (GET)", (await client.Get("/admin/users/1/edit")).Text);
        Assert.Equal("/admin/users/1/edit", app.UrlFor("admin.edit", new { id = 1 }));
    }

    public sealed record User(int Id, string Name);

    public sealed class UserStore
    {
        public User? Find(int id) => id == 1 ? new User(1, "Ada") : null;
    }

    [Blueprint("admin", UrlPrefix = "/admin")]
    public sealed class AdminPages(UserStore users)
    {
        [Get("/users/<int:id>")]
        public IResult Show(int id) => users.Find(id) is { } user ? Text($"admin user {user.Id}") : Abort(404);

        [Route("/users/<int:id>/edit", Methods = ["GET", "POST"])]
        public Task<IResult> Edit(int id, Request request) => Task.FromResult<IResult>(Text($"edit {id} ({request.Method})"));
    }
}
