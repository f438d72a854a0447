using System.Text.Json;
using Micro.Templates;
using Micro.Templates.Loading;
using Micro.Tests.Support;

namespace Micro.Tests.Templates.Inheritance;

/// <summary>
/// Renders every case tools/goldens/inheritance_goldens.py recorded from Jinja2 3.1 — <c>{% extends %}</c> with a
/// computed name, inside <c>{% if %}</c>, more than once, output before and after it; required blocks; blocks in
/// macros — and compares the output, or the error's message, template and line (Micro's wording where the case records one).
/// </summary>
public sealed class InheritanceGoldenTests : TemplateFolderTests
{
    private static readonly Dictionary<string, (Dictionary<string, string> Shared, Dictionary<string, Case> Cases)> s_files = new(StringComparer.Ordinal);

    public static TheoryData<string, string> Cases(string file)
    {
        var data = new TheoryData<string, string>();
        foreach (var name in Golden(file).Cases.Keys)
        {
            data.Add(file, name);
        }

        return data;
    }

    // inheritance.json: the cases written by hand; inheritance-generated.json: random three-level chains.
    [Theory]
    [MemberData(nameof(Cases), "inheritance.json")]
    [MemberData(nameof(Cases), "inheritance-generated.json")]
    public void Template_renders_or_fails_as_in_jinja2(string file, string name)
    {
        var (shared, cases) = Golden(file);
        var c = cases[name];
        foreach (var (template, text) in shared.Concat(c.Templates))
        {
            Write(template, text);
        }

        using var engine = Engine();

        // Twice on one engine: the second render comes from the compiled-template cache (and the output cache where
        // the template may be cached), which must not keep anything of the first.
        for (var round = 0; round < 2; round++)
        {
            if (c.Error is { } error)
            {
                var e = Assert.Throws<TemplateException>(() => engine.Render("page.html", JsonModel.Read(c.Data)));
                var expected = c.Micro ?? error;
                Assert.Equal(expected.Message, e.Reason.Replace(Folder, "<templates>", StringComparison.Ordinal));
                Assert.Equal((error.Template, expected.Line), (e.TemplateName, e.Line));
            }
            else
            {
                Assert.Equal(c.Output, engine.Render("page.html", JsonModel.Read(c.Data)));
            }
        }
    }

    private sealed record Failure(string Message, string? Template, int? Line);

    private sealed record Case(Dictionary<string, string> Templates, string Data, string? Output, Failure? Error, Failure? Micro);

    private static (Dictionary<string, string> Shared, Dictionary<string, Case> Cases) Golden(string file)
    {
        lock (s_files)
        {
            if (!s_files.TryGetValue(file, out var golden))
            {
                s_files[file] = golden = Load(file);
            }

            return golden;
        }
    }

    private static (Dictionary<string, string>, Dictionary<string, Case>) Load(string file)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Templates", "Inheritance", "Golden", file);
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var cases = new Dictionary<string, Case>(StringComparer.Ordinal);
        foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray())
        {
            cases.Add(c.GetProperty("name").GetString()!, new Case(
                Strings(c.GetProperty("templates")),
                c.GetProperty("data").GetRawText(),
                c.TryGetProperty("output", out var output) ? output.GetString() : null,
                c.TryGetProperty("error", out var error) ? ReadFailure(error) : null,
                c.TryGetProperty("micro", out var micro) ? ReadFailure(micro) : null));
        }

        return (Strings(doc.RootElement.GetProperty("shared")), cases);
    }

    private static Failure ReadFailure(JsonElement e) => new(
        e.GetProperty("message").GetString()!,
        e.TryGetProperty("template", out var template) ? template.GetString() : null,
        e.GetProperty("line").ValueKind == JsonValueKind.Number ? e.GetProperty("line").GetInt32() : null);

    private static Dictionary<string, string> Strings(JsonElement e) =>
        e.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
}
