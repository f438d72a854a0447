using System.Text.Json;
using Micro.Templates;
using Micro.Templates.Loading;
using Microsoft.AspNetCore.Html;

namespace Micro.Tests.Templates.Escaping;

/// <summary>
/// Renders every case of the escaping table that tools/goldens/escaping_goldens.py recorded from MarkupSafe 3.0
/// and Jinja2 3.1 (every <c>Markup</c> method and operator with every kind of argument, every filter that
/// escapes or keeps markup, autoescape on and off) and compares the bytes.
/// </summary>
public sealed class EscapingParityTests
{
    private static readonly Lazy<Table> s_table = new(Table.Load);

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var name in s_table.Value.Cases.Keys)
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Renders_the_same_bytes_as_markupsafe_and_jinja2(string name)
    {
        var table = s_table.Value;
        var c = table.Cases[name];
        var templateName = "case." + name[..name.IndexOf('/', StringComparison.Ordinal)];
        using var engine = new TemplateEngine();
        if (c.Error is not null)
        {
            var e = Assert.Throws<TemplateException>(() => engine.RenderString(c.Template, table.Model(), name: templateName));
            Assert.Equal((templateName, 1), (e.TemplateName, e.Line));
            return;
        }

        Assert.Equal(c.Output, engine.RenderString(c.Template, table.Model(), name: templateName));
    }

    private sealed record Case(string Template, string? Output, string? Error);

    private sealed class Table(JsonElement root, Dictionary<string, Case> cases)
    {
        public Dictionary<string, Case> Cases { get; } = cases;

        public static Table Load()
        {
            var path = Path.Combine(AppContext.BaseDirectory, "Templates", "Escaping", "Golden", "escaping.json");
            var root = JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone();
            var cases = new Dictionary<string, Case>(StringComparer.Ordinal);
            foreach (var c in root.GetProperty("cases").EnumerateArray())
            {
                cases.Add(
                    c.GetProperty("name").GetString()!,
                    new Case(
                        c.GetProperty("template").GetString()!,
                        c.TryGetProperty("output", out var o) ? o.GetString() : null,
                        c.TryGetProperty("error", out var e) ? e.GetString() : null));
            }

            return new Table(root, cases);
        }

        // The script's context: plain JSON values, "markup" as Markup, "html" as objects that render as HTML.
        public Dictionary<string, object?> Model()
        {
            var model = JsonModel.Read(root.GetProperty("data").GetRawText());
            foreach (var p in root.GetProperty("markup").EnumerateObject())
            {
                model[p.Name] = new Markup(p.Value.GetString()!);
            }

            foreach (var p in root.GetProperty("html").EnumerateObject())
            {
                model[p.Name] = new HtmlString(p.Value.GetString());
            }

            return model;
        }
    }
}
