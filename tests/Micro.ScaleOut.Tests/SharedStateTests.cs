using Micro.ScaleOut.Tests.Support;

namespace Micro.ScaleOut.Tests;

/// <summary>
/// The Blog on two instances behind a round-robin proxy, each request going to the other instance than the one
/// before: with Redis the visitor cannot tell (key ring and sessions shared); without it the second instance cannot
/// read the first one's cookie, which proves the flow really crosses instances.
/// </summary>
public sealed class SharedStateTests
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task With_Redis_a_visitor_registers_logs_in_writes_edits_and_deletes_posts_and_logs_out_across_instances()
    {
        await using var cluster = await Cluster.StartAsync(withRedis: true);
        await cluster.CheckAsync(async () =>
        {
            using var browser = new Browser(cluster.Proxy.Address);

            // A CSRF token from one instance is accepted by the other.
            var register = await browser.GetAsync("/auth/register");
            var registered = await browser.PostAsync("/auth/register", [("username", "ada"), ("password", Password), ("csrf_token", register.Csrf)], follow: false);
            Assert.Equal(302, registered.Status);
            Assert.NotEqual(register.ServedBy, registered.ServedBy);

            // A flash, through the session of whichever instance answers.
            var login = await browser.GetAsync("/auth/login");
            var wrong = await browser.PostAsync("/auth/login", [("username", "ada"), ("password", "wrong"), ("csrf_token", login.Csrf)]);
            Assert.Equal(200, wrong.Status);
            Assert.Equal(["Incorrect password."], wrong.Flashes);

            var home = await browser.PostAsync("/auth/login", [("username", "ada"), ("password", Password), ("csrf_token", wrong.Csrf)]);
            Assert.Equal(200, home.Status);
            Assert.Equal("ada", home.User);
            Assert.Equal("ada", (await browser.GetAsync("/")).User);

            var create = await browser.GetAsync("/create");
            var empty = await browser.PostAsync("/create", [("title", ""), ("body", "no title"), ("csrf_token", create.Csrf)]);
            Assert.Equal(["Title is required."], empty.Flashes);
            var index = await browser.PostAsync("/create", [("title", "Hello from two instances"), ("body", "First words."), ("csrf_token", empty.Csrf)]);
            var (id, title) = Assert.Single(index.Posts);
            Assert.Equal("Hello from two instances", title);

            var update = await browser.GetAsync($"/{id}/update");
            index = await browser.PostAsync($"/{id}/update", [("title", "Edited elsewhere"), ("body", "Second thoughts."), ("csrf_token", update.Csrf)]);
            Assert.Equal([(id, "Edited elsewhere")], index.Posts);

            update = await browser.GetAsync($"/{id}/update");
            index = await browser.PostAsync($"/{id}/delete", [("csrf_token", update.Csrf)]);
            Assert.Equal(200, index.Status);
            Assert.Empty(index.Posts);
            Assert.Equal("ada", index.User);

            // Logging out on one instance ends the session on both: the old cookie names nothing any more.
            var cookie = browser.Cookie("session")!;
            var loggedOut = await browser.GetAsync("/auth/logout");
            Assert.Null(loggedOut.User);
            using var thief = new Browser(cluster.Proxy.Address);
            thief.SetCookie("session", cookie);
            var first = await thief.GetAsync("/create", follow: false);
            var second = await thief.GetAsync("/create", follow: false);
            Assert.Equal((302, 302), (first.Status, second.Status));
            Assert.Equal("/auth/login", first.Location);
            Assert.NotEqual(first.ServedBy, second.ServedBy);

            // Every request went to the other instance than the one before, and none was refused a cookie until the
            // replayed one.
            var servedBy = browser.History.Select(entry => entry.ServedBy).ToList();
            Assert.All(servedBy, name => Assert.NotNull(name));
            for (var i = 1; i < servedBy.Count; i++)
            {
                Assert.True(servedBy[i] != servedBy[i - 1], "Requests did not alternate: " + string.Join(", ", browser.History));
            }

            Assert.Equal(2, cluster.Instances.Sum(instance => instance.Count("was refused")));
            Assert.Equal(2, cluster.Instances.Sum(instance => instance.Count("no such session in the cache")));
        });
    }

    [Fact]
    public async Task Without_Redis_the_other_instance_treats_the_cookie_as_an_empty_session_and_says_so_once()
    {
        await using var cluster = await Cluster.StartAsync(withRedis: false);
        await cluster.CheckAsync(async () =>
        {
            using var browser = new Browser(cluster.Proxy.Address);
            var register = await browser.GetAsync("/auth/register");
            var refusedBefore = cluster.Instances.Select(instance => instance.Count("was refused")).ToList();

            var posted = await browser.PostAsync("/auth/register", [("username", "ada"), ("password", Password), ("csrf_token", register.Csrf)], follow: false);

            // The other instance has its own key ring: it cannot read the session the token is bound to.
            Assert.NotEqual(register.ServedBy, posted.ServedBy);
            Assert.Equal(400, posted.Status);
            var other = cluster.Instances.Single(instance => instance.Name == posted.ServedBy);
            var refusedAfter = cluster.Instances.Select(instance => instance.Count("was refused")).ToList();
            Assert.Equal(1, other.Count("was refused") - refusedBefore[cluster.Instances.ToList().IndexOf(other)]);
            Assert.Equal(1, refusedAfter.Sum() - refusedBefore.Sum());
        });
    }
}
