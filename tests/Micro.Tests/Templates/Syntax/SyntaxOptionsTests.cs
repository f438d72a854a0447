using Micro.Templates;
using Micro.Testing;
using Micro.Tests.Support;

namespace Micro.Tests.Templates.Syntax;

/// <summary>Jinja's Environment options that change how templates are read, set on an app's engine.</summary>
public sealed class SyntaxOptionsTests
{
    private const string List = "<ul>\n  {% for u in users %}\n    <li>{{ u }}</li>\n  {% endfor %}\n</ul>\n";

    [Fact]
    public async Task An_app_sets_trim_blocks_lstrip_blocks_and_keep_trailing_newline_on_its_engine()
    {
        using var site = new TempFolder();
        site.Write("templates/list.html", List);
        var app = TestApps.Create(contentRoot: site.Path);
        app.Templates.Options.TrimBlocks = true;
        app.Templates.Options.LstripBlocks = true;
        app.Templates.Options.KeepTrailingNewline = true;
        app.Get("/", () => app.Render("list.html", new { users = new[] { "<a>", "b" } }));
        await using var client = app.TestClient();

        // Jinja2 3.1 with the three options on (and Flask's autoescape).
        Assert.Equal("<ul>\n    <li>&lt;a&gt;</li>\n    <li>b</li>\n</ul>\n", (await client.Get("/")).Text);
    }

    [Fact]
    public async Task By_default_an_app_reads_templates_as_flask_does()
    {
        using var site = new TempFolder();
        site.Write("templates/list.html", List);
        var app = TestApps.Create(contentRoot: site.Path);
        app.Get("/", () => app.Render("list.html", new { users = new[] { "<a>", "b" } }));
        await using var client = app.TestClient();

        Assert.Equal("<ul>\n  \n    <li>&lt;a&gt;</li>\n  \n    <li>b</li>\n  \n</ul>", (await client.Get("/")).Text);
    }
}
