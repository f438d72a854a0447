using System.Text.Json;
using Micro.Templates;
using Micro.Templates.Loading;

namespace Micro.Tests.Templates.Syntax;

/// <summary>
/// Renders every case tools/goldens/jinja_syntax_goldens.py recorded from Jinja2 3.1 — the whitespace options over
/// all eight combinations, numeric subscripts, parse-time errors, the loopcontrols and do extensions — and compares
/// the output, or the error's message and line (Micro's accepted wording where the golden records one).
/// </summary>
public sealed class SyntaxGoldenTests
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Templates", "Syntax", "Golden");

    private static readonly Dictionary<string, GoldenFile> s_files = new(StringComparer.Ordinal);

    public static TheoryData<string, int> Cases(string file)
    {
        var data = new TheoryData<string, int>();
        var golden = Load(file);
        for (var i = 0; i < golden.Cases.Count; i++)
        {
            data.Add(file, i);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases), "whitespace.json")]
    [MemberData(nameof(Cases), "whitespace-generated.json")]
    [MemberData(nameof(Cases), "numbers.json")]
    [MemberData(nameof(Cases), "errors.json")]
    [MemberData(nameof(Cases), "extensions.json")]
    public void Template_renders_or_fails_as_in_jinja2(string file, int index)
    {
        var golden = Load(file);
        var c = golden.Cases[index];
        using var engine = new TemplateEngine(Options(c));
        if (c.Error is { } error)
        {
            var e = Assert.Throws<TemplateException>(() => engine.RenderString(c.Template, golden.Model(), name: "case.txt"));
            var expected = c.Micro ?? error;
            Assert.Equal(expected.Message, e.Reason);
            if (expected.Line is { } line)
            {
                Assert.Equal(line, e.Line);
            }

            return;
        }

        Assert.Equal(c.Output, engine.RenderString(c.Template, golden.Model(), name: "case.txt"));
    }

    private static TemplateEngineOptions Options(Case c) => new()
    {
        TrimBlocks = c.Options.Contains("trim_blocks"),
        LstripBlocks = c.Options.Contains("lstrip_blocks"),
        KeepTrailingNewline = c.Options.Contains("keep_trailing_newline"),
        EnableLoopControls = c.Extensions.Contains("loopcontrols"),
        EnableDoStatement = c.Extensions.Contains("do"),
    };

    private static GoldenFile Load(string file)
    {
        lock (s_files)
        {
            if (!s_files.TryGetValue(file, out var golden))
            {
                s_files[file] = golden = GoldenFile.Read(Path.Combine(Root, file));
            }

            return golden;
        }
    }

    private sealed record Failure(string Type, string Message, int? Line);

    private sealed record Case(string Template, IReadOnlyList<string> Options, IReadOnlyList<string> Extensions, string? Output, Failure? Error, Failure? Micro);

    private sealed record GoldenFile(string DataJson, IReadOnlyList<Case> Cases)
    {
        // A fresh model per render: {% do items.append(5) %} must not change the next case's data.
        public Dictionary<string, object?> Model() => JsonModel.Read(DataJson);

        public static GoldenFile Read(string path)
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var root = doc.RootElement;
            var cases = new List<Case>();
            foreach (var c in root.GetProperty("cases").EnumerateArray())
            {
                cases.Add(new Case(
                    c.GetProperty("template").GetString()!,
                    Strings(c, "options"),
                    Strings(c, "extensions"),
                    c.TryGetProperty("output", out var output) ? output.GetString() : null,
                    c.TryGetProperty("error", out var error) ? ReadFailure(error) : null,
                    c.TryGetProperty("micro", out var micro) ? ReadFailure(micro) : null));
            }

            return new GoldenFile(root.GetProperty("data").GetRawText(), cases);
        }

        private static Failure ReadFailure(JsonElement e) => new(
            e.TryGetProperty("type", out var type) ? type.GetString()! : "",
            e.GetProperty("message").GetString()!,
            e.GetProperty("line").ValueKind == JsonValueKind.Number ? e.GetProperty("line").GetInt32() : null);

        private static List<string> Strings(JsonElement c, string name) =>
            c.TryGetProperty(name, out var list) ? list.EnumerateArray().Select(x => x.GetString()!).ToList() : [];
    }
}
