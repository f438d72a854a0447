using System.Text.Json;
using Micro.Templates;
using Micro.Templates.Loading;
using Micro.Templates.Syntax;

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
            if (!NeedsTheCompiler(golden.Cases[i]))
            {
                data.Add(file, i);
            }
        }

        return data;
    }

    public static TheoryData<string, int> CasesForTheCompiler()
    {
        var data = new TheoryData<string, int>();
        foreach (var file in new[] { "errors.json", "extensions.json" })
        {
            var golden = Load(file);
            for (var i = 0; i < golden.Cases.Count; i++)
            {
                if (NeedsTheCompiler(golden.Cases[i]))
                {
                    data.Add(file, i);
                }
            }
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

    // What the compiler enforces from the syntax tree — running {% break %}, {% continue %} and {% do %}, failing a
    // render whose required block nobody overrides — is checked here on the tree it is given: each tag became its
    // node, and the block carries its flags. (The compiler's own tests compare these cases' output and errors.)
    [Theory]
    [MemberData(nameof(CasesForTheCompiler))]
    public void Syntax_the_compiler_enforces_parses_into_its_nodes(string file, int index)
    {
        var c = Load(file).Cases[index];
        var syntax = JinjaParser.Parse("case.txt", c.Template, SyntaxOptions.From(Options(c)));
        var nodes = Flatten(syntax.Body).ToList();
        Assert.Equal(Count(c.Template, "{% break %}"), nodes.OfType<BreakStmt>().Count());
        Assert.Equal(Count(c.Template, "{% continue %}"), nodes.OfType<ContinueStmt>().Count());
        Assert.Equal(Count(c.Template, "{% do "), nodes.OfType<DoStmt>().Count());
        Assert.DoesNotContain(nodes, n => n is TextStmt t && t.Text.Contains("{%", StringComparison.Ordinal));
        if (c.Error is not null)
        {
            var block = Assert.Single(nodes.OfType<BlockStmt>());
            Assert.Equal((true, c.Template.Contains("scoped", StringComparison.Ordinal)), (block.Required, block.Scoped));
            Assert.All(block.Body, s => Assert.True(s is TextStmt t && string.IsNullOrWhiteSpace(t.Text)));
        }
    }

    private static int Count(string text, string tag) => text.Split(tag).Length - 1;

    private static bool NeedsTheCompiler(Case c) =>
        c.Error?.Message.StartsWith("Required block ", StringComparison.Ordinal) == true;

    private static IEnumerable<Stmt> Flatten(IEnumerable<Stmt> body)
    {
        foreach (var s in body)
        {
            yield return s;
            var children = s switch
            {
                ForStmt f => f.Body.Concat(f.Else ?? []),
                IfStmt i => i.Branches.SelectMany(b => b.Value).Concat(i.Else ?? []),
                MacroStmt m => m.Body,
                BlockStmt b => b.Body,
                SetBlockStmt sb => sb.Body,
                FilterBlockStmt fb => fb.Body,
                _ => [],
            };
            foreach (var child in Flatten(children))
            {
                yield return child;
            }
        }
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
