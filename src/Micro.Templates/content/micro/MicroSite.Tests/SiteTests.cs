using Micro.Testing;

namespace MicroSite.Tests;

public class SiteTests
{
    [Fact]
    public async Task Home_page_renders_the_index_template_in_the_layout()
    {
        await using var client = TestClient.For<Program>();
        var page = await client.Get("/");
        Assert.Equal(200, page.StatusCode);
        Assert.Equal("text/html; charset=utf-8", page.ContentType);
        Assert.Contains("<title>Home - MicroSite</title>", page.Text);
        Assert.Contains("<h1>Hello, World!</h1>", page.Text);
    }

    [Fact]
    public async Task Names_are_escaped()
    {
        await using var client = TestClient.For<Program>();
        var page = await client.Get("/hello/%3Cb%3E");
        Assert.Contains("<h1>Hello, &lt;b&gt;!</h1>", page.Text);
    }

    [Fact]
    public async Task The_stylesheet_is_served()
    {
        await using var client = TestClient.For<Program>();
        Assert.Equal(200, (await client.Get("/static/site.css")).StatusCode);
    }

    [Fact]
    public async Task The_health_check_answers_healthy()
    {
        await using var client = TestClient.For<Program>();
        var health = await client.Get("/healthz");
        Assert.Equal(200, health.StatusCode);
        Assert.Equal("Healthy", health.Text);
    }
}
