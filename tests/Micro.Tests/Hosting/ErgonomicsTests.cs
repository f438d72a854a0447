using Micro.Testing;
using static Micro.Responses;

namespace Micro.Tests.Hosting;

/// <summary>What a Flask port writes compiles: hooks whose only return is null, and Abort ending a branch for the nullable analysis.</summary>
public sealed class ErgonomicsTests
{
    [Fact]
    public async Task Hooks_whose_only_return_is_null_compile_and_run()
    {
        var calls = 0;
        var app = MicroApp.Create();

        // Each of these was CS8917 ("the delegate type could not be inferred") with only a Delegate overload.
        app.BeforeRequest(() =>
        {
            calls++;
            return null;
        });
        app.BeforeRequest(request =>
        {
            if (request.Path == "/closed")
            {
                return MakeResponse("closed", 403);
            }

            return null;
        });
        app.AfterRequest(response =>
        {
            response.Headers["X-Seen"] = "yes";
            return null;
        });
        app.Get("/", () => "open");
        await using var client = app.TestClient();

        var open = await client.Get("/");
        Assert.Equal("open", open.Text);
        Assert.Equal("yes", open.Header("X-Seen"));
        Assert.Equal(403, (await client.Get("/closed")).StatusCode);
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task Abort_ends_a_branch_so_the_value_after_it_is_not_null()
    {
        var app = MicroApp.Create();
        app.Get("/posts/<int:id>", (int id) =>
        {
            var post = id == 1 ? new Post("Hello") : null;
            if (post is null)
            {
                Abort(404);
            }

            // No CS8602 here (warnings are errors): Abort is [DoesNotReturn].
            return post.Title;
        });
        await using var client = app.TestClient();
        Assert.Equal("Hello", (await client.Get("/posts/1")).Text);
        Assert.Equal(404, (await client.Get("/posts/2")).StatusCode);
    }

    private sealed record Post(string Title);
}
