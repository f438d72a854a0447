using System.Globalization;
using Micro.Tests.Support;

namespace Micro.Tests.Templates;

/// <summary>
/// No template and no data can overflow the stack: .NET cannot catch a StackOverflowException, so the server would
/// die with every request in flight. Every kind of nesting, far past where it used to crash, fails one render with a
/// TemplateException naming the file and the line; modest depths still render. The renders run in a child process
/// (<see cref="RenderProbe"/>), so a regression fails the test instead of killing the test host.
/// </summary>
/// <remarks>
/// What Jinja2 3.1 itself accepts (CPython 3.11, checked): about 490 terms of <c>1+1+…</c>, 69 nested brackets,
/// 98 nested <c>if</c>s, 20 nested <c>for</c>s, 246 nested <c>with</c>s, 1,000 <c>elif</c>s, data about 990 deep;
/// beyond that it raises RecursionError or SyntaxError. Micro accepts 500 levels of expression, 250 of tags and
/// 1,000 of data (see StackGuard), so every depth Jinja renders, Micro renders.
/// </remarks>
public sealed class TemplateDepthTests : TemplateFolderTests
{
    // Every deep part starts on line 3: the error must say so.
    private const string Prefix = "{% macro f(x) %}{{ x }}{% endmacro %}\n{# the deep part is on the next line #}\n";

    private static string Repeat(string s, int n) => string.Concat(Enumerable.Repeat(s, n));

    private static string Join(string separator, string item, int n) => string.Join(separator, Enumerable.Repeat(item, n));

    // Expression trees n deep: (template, what it renders).
    private static readonly Dictionary<string, Func<int, (string Template, string? Expected)>> Expressions = new()
    {
        ["add"] = n => ("{{ " + Join(" + ", "1", n) + " }}", n.ToString(CultureInfo.InvariantCulture)),
        ["concat"] = n => ("{{ " + Join(" ~ ", "1", n) + " }}", new string('1', n)),
        ["multiply"] = n => ("{{ " + Join(" * ", "1", n) + " }}", "1"),
        ["power"] = n => ("{{ " + Join(" ** ", "1", n) + " }}", "1"),
        ["and"] = n => ("{{ " + Join(" and ", "1", n) + " }}", "1"),
        ["or"] = n => ("{{ " + Join(" or ", "0", n) + " }}", "0"),
        ["equal"] = n => ("{{ " + Join(" == ", "1", n) + " }}", "True"),
        ["less"] = n => ("{{ " + string.Join(" < ", Enumerable.Range(0, n)) + " }}", "True"),
        ["filters"] = n => ("{{ 'x'" + Repeat("|upper", n) + " }}", "X"),
        ["attributes"] = n => ("{{ dict" + Repeat(".a", n) + " }}", "{}"),
        ["items"] = n => ("{{ list" + Repeat("[0]", n) + " }}", "[]"),
        ["calls"] = n => ("{{ f(1)" + Repeat("()", n) + " }}", null),
        ["brackets"] = n => ("{{ " + Repeat("(", n) + "1" + Repeat(")", n) + " }}", "1"),
        ["lists"] = n => ("{{ " + Repeat("[", n) + "1" + Repeat("]", n) + " }}", Repeat("[", n) + "1" + Repeat("]", n)),
        ["dicts"] = n => ("{{ " + Repeat("{'a': ", n) + "1" + Repeat("}", n) + " }}", Repeat("{'a': ", n) + "1" + Repeat("}", n)),
        ["minus"] = n => ("{{ " + Repeat("-", n) + "1 }}", n % 2 == 0 ? "1" : "-1"),
        ["not"] = n => ("{{ " + Repeat("not ", n) + "1 }}", n % 2 == 0 ? "True" : "False"),
        ["inline-if"] = n => ("{{ " + Repeat("1 if 0 else ", n) + "2 }}", "2"),
        ["call-arguments"] = n => ("{{ " + Repeat("f(", n) + "1" + Repeat(")", n) + " }}", "1"),
        ["filter-arguments"] = n => ("{{ " + Repeat("nothing|default(", n) + "1" + Repeat(")", n) + " }}", "1"),
        ["filter-block-chain"] = n => ("{% filter " + Join("|", "upper", n) + " %}x{% endfilter %}", "X"),
    };

    // Tags nested n deep.
    private static readonly Dictionary<string, Func<int, (string Template, string? Expected)>> Tags = new()
    {
        ["if"] = n => (Repeat("{% if 1 %}", n) + "x" + Repeat("{% endif %}", n), "x"),
        ["for"] = n => (Repeat("{% for i in [1] %}", n) + "x" + Repeat("{% endfor %}", n), "x"),
        ["for-else"] = n => (Repeat("{% for i in [] %}{% else %}", n) + "x" + Repeat("{% endfor %}", n), "x"),
        ["with"] = n => (Repeat("{% with a = 1 %}", n) + "x" + Repeat("{% endwith %}", n), "x"),
        ["set-block"] = n => (Repeat("{% set x %}", n) + "x" + Repeat("{% endset %}{{ x }}", n), "x"),
        ["filter-block"] = n => (Repeat("{% filter upper %}", n) + "x" + Repeat("{% endfilter %}", n), "X"),
        ["autoescape"] = n => (Repeat("{% autoescape false %}", n) + "x" + Repeat("{% endautoescape %}", n), "x"),
        ["macro"] = n => (Repeat("{% macro m() %}", n) + "x" + Repeat("{% endmacro %}", n), ""),
        ["call"] = n => (Repeat("{% call f(1) %}", n) + "x" + Repeat("{% endcall %}", n), null),
        ["block"] = n => (string.Concat(Enumerable.Range(0, n).Select(i => $"{{% block b{i} %}}")) + "x" + Repeat("{% endblock %}", n), null),
    };

    // Recursion at run time, as deep as it goes.
    private static readonly Dictionary<string, string> Recursions = new()
    {
        ["macro-recursion"] = "{% macro m(i) %}{{ m(i + 1) }}{% endmacro %}{{ m(0) }}",
        ["mutual-recursion"] = "{% macro a(i) %}{{ b(i) }}{% endmacro %}{% macro b(i) %}{{ a(i) }}{% endmacro %}{{ a(0) }}",
        ["caller-recursion"] = "{% macro m() %}{{ caller() }}{% call m() %}{% endcall %}{% endmacro %}{% call m() %}{% endcall %}",
        ["include-recursion"] = "{% include 'include-recursion.txt' %}",
        ["import-recursion"] = "{% import 'import-recursion.txt' as m %}",
        ["block-recursion"] = "{% block b %}{{ self.b() }}{% endblock %}",
        ["loop-recursion"] = "{% for x in list recursive %}{{ loop(x) }}{% endfor %}",
        ["deep-expressions-in-recursion"] = "{% macro m(i) %}{{ " + Repeat("'' ~ (", 240) + "m(i + 1)" + Repeat(")", 240) + " }}{% endmacro %}{{ m(0) }}",
        ["deep-tags-in-recursion"] = "{% macro m(i) %}" + Repeat("{% if 1 %}", 240) + "{{ m(i + 1) }}" + Repeat("{% endif %}", 240) + "{% endmacro %}{{ m(0) }}",
    };

    // Deep data (the model's `list`, `list2`, `dict`, `dict2` are nested n deep) through every operation that walks it.
    private static readonly Dictionary<string, (string Template, Func<int, string> Expected)> Data = new()
    {
        ["print-list"] = ("{{ list }}", n => Repeat("[", n + 1) + Repeat("]", n + 1)),
        ["print-dict"] = ("{{ dict }}", n => Repeat("{'a': ", n) + "{}" + Repeat("}", n)),
        ["string"] = ("{{ list|string|length }}", n => ((2 * n) + 2).ToString(CultureInfo.InvariantCulture)),
        ["repr"] = ("{{ '%r'|format(list)|length }}", n => ((2 * n) + 2).ToString(CultureInfo.InvariantCulture)),
        ["equal"] = ("{{ list == list2 }}", _ => "True"),
        ["not-equal"] = ("{{ list != list2 }}", _ => "False"),
        ["less"] = ("{{ list < list2 }}", _ => "False"),
        ["in"] = ("{{ list in [list2] }}", _ => "True"),
        ["sort"] = ("{{ [list, list2]|sort|length }}", _ => "2"),
        ["unique"] = ("{{ [list, list2]|unique|length }}", _ => "1"),
        ["max"] = ("{{ [list, list2]|max == list }}", _ => "True"),
        ["dictsort"] = ("{{ {'a': list, 'b': list2}|dictsort(by='value')|length }}", _ => "2"),
        ["tojson-list"] = ("{{ list|tojson|length }}", n => ((2 * n) + 2).ToString(CultureInfo.InvariantCulture)),
        ["tojson-dict"] = ("{{ dict|tojson|length }}", n => ((7 * n) + 2).ToString(CultureInfo.InvariantCulture)),
        ["built-in-a-loop"] = (
            "{% set a = namespace(x=[]) %}{% set b = namespace(x=[]) %}{% for i in range(n) %}{% set a.x = [a.x] %}{% set b.x = [b.x] %}{% endfor %}{{ a.x == b.x }}",
            _ => "True"),
    };

    private RenderProbe.Run Probe(IEnumerable<(string Name, string Text)> templates, params string[] options)
    {
        foreach (var (name, text) in templates)
        {
            Write(name, Prefix + text);
        }

        return RenderProbe.Render(Folder, templates.Select(t => t.Name).ToList(), options);
    }

    private static void AssertFailsCleanly(RenderProbe.Result r, string expectedReason)
    {
        Assert.True(r.Unexpected is null, r.ToString());
        Assert.False(r.Ok, $"{r.Name} rendered");
        Assert.Equal((r.Name, 3), (r.ErrorTemplate!, r.Line));
        Assert.Contains(expectedReason, r.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(20_000)]
    [InlineData(100_000)]
    public void Expressions_nested_far_past_the_old_crash_fail_one_render_naming_file_and_line(int depth)
    {
        var run = Probe(Expressions.Select(k => ($"{k.Key}-{depth}.txt", k.Value(depth).Template)), "--deep", "10");
        Assert.Equal(Expressions.Count, run.Results.Count);
        foreach (var r in run.Results.Values)
        {
            AssertFailsCleanly(r, "Expression is nested too deeply");
        }
    }

    [Theory]
    [InlineData(20_000)]
    [InlineData(100_000)]
    public void Tags_nested_far_past_the_old_crash_fail_one_render_naming_file_and_line(int depth)
    {
        var run = Probe(Tags.Select(k => ($"{k.Key}-{depth}.txt", k.Value(depth).Template)));
        Assert.Equal(Tags.Count, run.Results.Count);
        foreach (var r in run.Results.Values)
        {
            AssertFailsCleanly(r, "Tags are nested too deeply");
        }
    }

    [Fact]
    public void An_elif_chain_of_any_length_renders_or_fails_cleanly()
    {
        // Jinja renders 1,000 elifs (they do not nest in Jinja); Scriban nests them, so Micro checks the stack every few.
        var run = Probe(
            new[] { 1_000, 20_000, 100_000 }.Select(n => ($"elif-{n}.txt", "{% if 0 %}" + Repeat("{% elif 0 %}", n) + "{% elif 1 %}x{% endif %}")));
        Assert.Equal("\n\nx", run.Results["elif-1000.txt"].Text);
        foreach (var r in run.Results.Values.Where(r => !r.Ok))
        {
            AssertFailsCleanly(r, "maximum recursion depth exceeded");
        }
    }

    [Fact]
    public void Runaway_recursion_through_macros_includes_imports_blocks_and_loops_fails_one_render()
    {
        var run = Probe(Recursions.Select(k => ($"{k.Key}.txt", k.Value)), "--deep", "100000");
        Assert.Equal(Recursions.Count, run.Results.Count);
        foreach (var r in run.Results.Values)
        {
            AssertFailsCleanly(r, "maximum recursion depth exceeded");
        }
    }

    [Fact]
    public void Recursion_fails_cleanly_on_a_small_thread_stack_too()
    {
        // 256 KB: the stack check, not the counters, is what stops these; a thread of the pool has far more.
        var run = Probe(Recursions.Select(k => ($"{k.Key}.txt", k.Value)), "--deep", "100000", "--stack", "262144");
        foreach (var r in run.Results.Values)
        {
            AssertFailsCleanly(r, "maximum recursion depth exceeded");
        }
    }

    [Theory]
    [InlineData(20_000)]
    [InlineData(100_000)]
    public void Deep_data_compared_sorted_printed_or_converted_to_json_fails_one_render(int depth)
    {
        var run = Probe(Data.Select(k => ($"{k.Key}.txt", k.Value.Template)), "--deep", depth.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(Data.Count, run.Results.Count);
        foreach (var r in run.Results.Values)
        {
            AssertFailsCleanly(r, "maximum recursion depth exceeded");
        }
    }

    [Theory]
    [InlineData(100)]
    [InlineData(250)]
    public void Modest_depths_still_render(int depth)
    {
        var cases = Expressions.Concat(Tags).Select(k => (Name: $"{k.Key}-{depth}.txt", k.Value(depth).Template, k.Value(depth).Expected))
            .Concat(Data.Select(k => (Name: $"data-{k.Key}-{depth}.txt", k.Value.Template, Expected: (string?)k.Value.Expected(depth))))
            .Where(c => c.Expected is not null)
            .ToList();
        var run = Probe(cases.Select(c => (c.Name, c.Template)), "--deep", depth.ToString(CultureInfo.InvariantCulture));
        foreach (var c in cases)
        {
            var r = run.Results[c.Name];
            Assert.True(r.Ok, r.ToString());
            var text = r.Text!;
            Assert.Equal(c.Expected, text[(text.LastIndexOf('\n') + 1)..]);
        }
    }

    [Fact]
    public void The_limits_are_exact_for_expressions_and_tags()
    {
        var run = Probe([
            ("expression-500.txt", "{{ " + Join(" + ", "1", 500) + " }}"),
            ("expression-501.txt", "{{ " + Join(" + ", "1", 501) + " }}"),
            ("tags-250.txt", Repeat("{% if 1 %}", 250) + "x" + Repeat("{% endif %}", 250)),
            ("tags-251.txt", Repeat("{% if 1 %}", 251) + "x" + Repeat("{% endif %}", 251)),
        ]);
        Assert.True(run.Results["expression-500.txt"].Ok, run.Results["expression-500.txt"].ToString());
        AssertFailsCleanly(run.Results["expression-501.txt"], "Expression is nested too deeply (more than 500 levels)");
        Assert.True(run.Results["tags-250.txt"].Ok, run.Results["tags-250.txt"].ToString());
        AssertFailsCleanly(run.Results["tags-251.txt"], "Tags are nested too deeply (more than 250 levels)");
    }
}
