using System.Text.Json;
using Micro.Templates;
using Micro.Templates.Loading;

namespace Micro.Tests.Templates.Values;

/// <summary>
/// Renders every case of the values table that tools/goldens/values_goldens.py recorded from Jinja2 3.1
/// (integers of any size, value equality, str.format and <c>%</c>, str/list/dict methods, urlize, pprint and
/// run-time semantics) and compares the bytes; a case Jinja refuses must fail with a template error.
/// </summary>
public sealed class ValuesParityTests
{
    private static readonly Lazy<GoldenTable> s_table = new(() => GoldenTable.Load("values.json"));

    public static TheoryData<string> Cases() => s_table.Value.Names();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Renders_the_same_bytes_as_jinja2(string name) => s_table.Value.Check(name);
}

/// <summary>A golden table of one-line templates over one JSON context, each with Jinja2's output or error type.</summary>
internal sealed class GoldenTable(string data, Dictionary<string, GoldenTable.Case> cases)
{
    // Micro is Micro's own answer where it deliberately differs from Jinja (the table gives the reason).
    internal sealed record Case(string Template, string? Output, string? Error, string? Micro);

    public static GoldenTable Load(string file)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Templates", "Values", "Golden", file);
        var root = JsonDocument.Parse(File.ReadAllText(path)).RootElement;
        var cases = new Dictionary<string, Case>(StringComparer.Ordinal);
        foreach (var c in root.GetProperty("cases").EnumerateArray())
        {
            cases.Add(
                c.GetProperty("name").GetString()!,
                new Case(
                    c.GetProperty("template").GetString()!,
                    c.TryGetProperty("output", out var o) ? o.GetString() : null,
                    c.TryGetProperty("error", out var e) ? e.GetString() : null,
                    c.TryGetProperty("micro", out var m) ? m.GetString() : null));
        }

        return new GoldenTable(root.GetProperty("data").GetRawText(), cases);
    }

    public TheoryData<string> Names()
    {
        var names = new TheoryData<string>();
        foreach (var name in cases.Keys)
        {
            names.Add(name);
        }

        return names;
    }

    public void Check(string name)
    {
        var c = cases[name];

        // "html/..." renders with autoescape on, as Flask renders .html; "txt/..." with it off.
        var templateName = "case." + name[..name.IndexOf('/', StringComparison.Ordinal)];
        using var engine = new TemplateEngine();

        // A fresh model per case: list and dict methods may change it.
        var model = JsonModel.Read(data);
        if (c.Micro is not null)
        {
            Assert.Equal(c.Micro, engine.RenderString(c.Template, model, name: templateName));
            return;
        }

        if (c.Error is not null)
        {
            var e = Assert.Throws<TemplateException>(() => engine.RenderString(c.Template, model, name: templateName));
            Assert.Equal(templateName, e.TemplateName);
            return;
        }

        Assert.Equal(c.Output, engine.RenderString(c.Template, model, name: templateName));
    }
}
