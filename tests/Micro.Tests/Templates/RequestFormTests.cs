using Micro.Testing;

namespace Micro.Tests.Templates;

/// <summary>The form a handler read is visible to templates as Flask's <c>request.form</c> (the blog's forms rely on it).</summary>
public class RequestFormTests
{
    [Fact]
    public async Task Templates_read_the_submitted_form_as_request_form_like_flask()
    {
        var root = Directory.CreateTempSubdirectory("micro-form-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "templates"));
            File.WriteAllText(Path.Combine(root, "templates", "form.html"), "[{{ request.form['title'] }}]");
            var app = MicroApp.Create(["--contentRoot=" + root, "--Csrf:Enabled=false", "--environment=Development"]);
            app.Post("/", async (Request request) =>
            {
                await request.FormAsync();
                return app.Render("form.html");
            }, endpoint: "index");
            await using var client = app.TestClient();

            var page = await client.PostForm("/", [new("title", "hi")]);

            Assert.True(page.StatusCode == 200, page.Text);
            Assert.Equal("[hi]", page.Text);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
