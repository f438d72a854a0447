using Micro.Testing;

namespace Hello.Tests;

public class HelloTests
{
    [Fact]
    public async Task Home_page_says_hello()
    {
        await using var client = TestClient.For<Program>();
        var page = await client.Get("/");
        Assert.Equal(200, page.StatusCode);
        Assert.Equal("text/html; charset=utf-8", page.ContentType);
        Assert.Equal("<h1>Hello, World!</h1>", page.Text);
    }

    [Fact]
    public async Task Names_are_escaped()
    {
        await using var client = TestClient.For<Program>();
        var page = await client.Get("/hello/%3Cb%3E");
        Assert.Equal("Hello, &lt;b&gt;!", page.Text);
    }

    [Fact]
    public async Task Users_are_json_and_zero_is_not_found()
    {
        await using var client = TestClient.For<Program>();
        var user = await client.Get("/users/7");
        Assert.Equal("""{"id":7,"profile":"/users/7"}""", user.Text);
        var none = await client.Get("/users/0");
        Assert.Equal(404, none.StatusCode);
        Assert.Contains("There is no user 0.", none.Text);
        Assert.Equal(404, (await client.Get("/users/seven")).StatusCode);
    }
}
