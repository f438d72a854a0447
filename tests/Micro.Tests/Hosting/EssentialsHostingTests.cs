using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Micro.Testing;
using Micro.Tests.Support;

namespace Micro.Tests.Hosting;

public class EssentialsHostingTests
{
    [Fact]
    public async Task Micro_prefixed_environment_variables_are_configuration_below_the_command_line()
    {
        Environment.SetEnvironmentVariable("MICRO_EssentialsTest__Greeting", "from MICRO_");
        Environment.SetEnvironmentVariable("MICRO_EssentialsTest__Order", "env");
        try
        {
            var app = TestApps.Create(args: ["--EssentialsTest:Order=command line"]);
            app.Get("/", (IConfiguration config) => $"{config["EssentialsTest:Greeting"]}, {config["EssentialsTest:Order"]}");
            await using var client = app.TestClient();

            Assert.Equal("from MICRO_, command line", (await client.Get("/")).Text);
            Assert.Equal("from MICRO_", app.Configuration["EssentialsTest:Greeting"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable("MICRO_EssentialsTest__Greeting", null);
            Environment.SetEnvironmentVariable("MICRO_EssentialsTest__Order", null);
        }
    }

    [Fact]
    public async Task Each_request_is_logged_on_one_line_with_method_path_status_and_time_in_development()
    {
        var logs = new LogCollector();
        var app = TestApps.Create("Development", logs: logs);
        app.Get("/users/<int:id>", (int id) => $"user {id}");
        await using var client = app.TestClient();

        await client.Get("/users/42?secret=1");
        await client.Get("/nowhere");

        var lines = logs.Messages("Micro.Requests").ToList();
        Assert.Equal(2, lines.Count);
        Assert.Matches(@"^GET /users/42 200 \d+\.\d ms$", lines[0]);
        Assert.Matches(@"^GET /nowhere 404 \d+\.\d ms$", lines[1]);
    }

    [Fact]
    public async Task Outside_development_request_lines_are_debug_so_the_console_stays_quiet()
    {
        var logs = new LogCollector();
        var app = TestApps.Create("Production", logs: logs);
        await using var client = app.TestClient();

        await client.Get("/");

        Assert.Empty(logs.Messages("Micro.Requests"));
    }

    [Fact]
    public async Task A_logged_path_cannot_forge_a_second_log_line()
    {
        var logs = new LogCollector();
        var app = TestApps.Create("Development", logs: logs);
        await using var client = app.TestClient();

        await client.Get("/a%0D%0AGET%20/admin%20200");

        Assert.DoesNotContain('\n', Assert.Single(logs.Messages("Micro.Requests")));
    }

    [Fact]
    public async Task Handlers_set_and_delete_cookies_with_every_attribute()
    {
        var app = TestApps.Create();
        app.Get("/set", () => new Response("ok").SetCookie("theme", "dark", new CookieOptions
        {
            Path = "/",
            Domain = "localhost",
            MaxAge = TimeSpan.FromHours(1),
            HttpOnly = true,
            Secure = false,
            SameSite = SameSiteMode.Strict,
        }));
        app.Get("/delete", () => new Response("gone").DeleteCookie("theme"));
        app.Get("/read", (Request request) => request.Cookies["theme"] ?? "none");
        await using var client = app.TestClient();

        var set = await client.Get("/set");
        Assert.Equal("theme=dark; max-age=3600; domain=localhost; path=/; samesite=strict; httponly", set.Header("Set-Cookie"));
        Assert.Equal("dark", (await client.Get("/read")).Text);

        await client.Get("/delete");
        Assert.Equal("none", (await client.Get("/read")).Text);
    }

    [Fact]
    public async Task An_unknown_request_content_type_gives_an_empty_form_and_a_415_for_json()
    {
        var app = TestApps.Create();
        app.Post("/form", async (Request request) => (await request.FormAsync()).Count.ToString(System.Globalization.CultureInfo.InvariantCulture)).DisableCsrf();
        app.Post("/json", async (Request request) => await request.JsonAsync<object>()).DisableCsrf();
        await using var client = app.TestClient();
        HttpContent Unknown()
        {
            var content = new ByteArrayContent([1, 2, 3]);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/x-unknown");
            return content;
        }

        Assert.Equal("0", (await client.Post("/form", Unknown())).Text);
        Assert.Equal(415, (await client.Post("/json", Unknown())).StatusCode);
    }

    [Fact]
    public async Task A_malformed_multipart_body_is_a_400_with_a_message()
    {
        var app = TestApps.Create();
        app.Post("/upload", async (Request request) => (await request.FilesAsync()).Count.ToString(System.Globalization.CultureInfo.InvariantCulture)).DisableCsrf();
        await using var client = app.TestClient();
        var body = new StringContent("this is not multipart at all");
        body.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=xyz");

        var response = await client.Post("/upload", body);

        Assert.Equal(400, response.StatusCode);
        Assert.Contains("The form could not be read", response.Text);
    }
}
