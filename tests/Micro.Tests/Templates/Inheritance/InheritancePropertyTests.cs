using CsCheck;
using Micro.Templates;
using Micro.Tests.Support;

namespace Micro.Tests.Templates.Inheritance;

/// <summary>
/// Over random three-level chains (blocks with <c>super()</c>, <c>self.name()</c>, top-level text, output, sets and loops
/// before and after the <c>{% extends %}</c>), a parent chosen at run time renders exactly what the same parent named
/// by a constant renders — the same output, or the same error at the same place. Jinja renders the two alike (the
/// extends always runs either way); the constant form is resolved when compiling, every other by the render.
/// </summary>
public sealed class InheritancePropertyTests : TemplateFolderTests
{
    // How a template names its parent: a constant (the reference), a variable, a conditional expression, inside {% if %}.
    private static readonly Func<string, string>[] Forms =
    [
        parent => $"{{% extends '{parent}' %}}",
        parent => $"{{% extends {parent.Replace('.', '_')} %}}",
        parent => $"{{% extends 'nope.html' if false else '{parent}' %}}",
        parent => $"{{% if true %}}{{% extends '{parent}' %}}{{% endif %}}",
    ];

    private static readonly string[] Names = ["a", "b", "c", "d"];

    // A piece of a template's top level: text, output, a set, a loop, an if, self.name(), or a block (each name once per template).
    private static readonly Gen<(int Kind, int Name, bool Flag)> PieceGen = Gen.Select(Gen.Int[0, 7], Gen.Int[0, 3], Gen.Bool);

    private static string Piece(string template, int i, (int Kind, int Name, bool Flag) piece) => piece.Kind switch
    {
        0 => $"{template}{i} ",
        1 => "{{ v }}",
        2 => $"{{% set v = '{template}{i}' %}}",
        3 => "{% for k in [1, 2] %}<{{ k }}{{ v }}>{% endfor %}",
        4 => $"{{% if {(piece.Flag ? "true" : "false")} %}}?{{{{ v }}}}{{% endif %}}",
        5 => $"{{{{ self.{Names[piece.Name]}() }}}}",
        _ => Block(template, Names[piece.Name], piece.Flag),
    };

    private static string Block(string template, string name, bool super) =>
        $"{{% block {name} %}}{template}.{name}[{{{{ v }}}}]{(super ? "{{ super() }}" : "")}{{% endblock %}}";

    private static Gen<string> Body(string template, int max) => PieceGen.Array[0, max].Select(pieces =>
    {
        // Each block name once per template, as Jinja requires.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var texts = pieces.Select((p, i) => Piece(template, i, p));
        return string.Concat(texts.Where(p => !p.StartsWith("{% block ", StringComparison.Ordinal) || seen.Add(p.Split(' ')[2])));
    });

    private static readonly Gen<string> BaseTemplate = Gen.Shuffle(Names).Select(Gen.Bool, (order, selfCall) =>
        "<base>" + string.Concat(order.Select(n => $"({{% block {n} %}}base.{n}{{% endblock %}})")) + (selfCall ? "{{ self.a() }}" : "") + "</base>");

    private static readonly Gen<(string Before, string After, int Form)> Child =
        Gen.Select(Body("pre", 2), Body("t", 6), Gen.Int[0, Forms.Length - 1]);

    [Fact]
    public void A_parent_chosen_at_run_time_renders_as_the_same_parent_named_by_a_constant()
    {
        Gen.Select(BaseTemplate, Child.Select(Body("m", 6), (c, m) => (c, m)), Gen.Int[0, Forms.Length - 1]).Sample((b, cm, midForm) =>
        {
            var ((before, after, childForm), midBody) = cm;
            var folder = Directory.CreateDirectory(Path.Combine(Folder, Guid.NewGuid().ToString("N"))).FullName;
            Render(folder, b, before, after, 0, midBody, 0, out var expected);
            Render(folder, b, before, after, childForm, midBody, midForm, out var actual);
            Assert.Equal(expected, actual);
        }, iter: 300);
    }

    private static void Render(string folder, string b, string before, string after, int childForm, string midBody, int midForm, out string outcome)
    {
        var sub = Directory.CreateDirectory(Path.Combine(folder, $"{childForm}-{midForm}")).FullName;
        File.WriteAllText(Path.Combine(sub, "base.html"), b);
        File.WriteAllText(Path.Combine(sub, "mid.html"), Forms[midForm]("base.html") + midBody);
        File.WriteAllText(Path.Combine(sub, "page.html"), before + Forms[childForm]("mid.html") + after);
        var options = new TemplateEngineOptions { OutputCacheEnabled = false };
        options.Folders.Clear();
        options.Folders.Add(sub);
        using var engine = new TemplateEngine(options);
        var model = new Dictionary<string, object?> { ["mid_html"] = "mid.html", ["base_html"] = "base.html", ["v"] = "x" };
        try
        {
            outcome = engine.Render("page.html", model);
        }
        catch (TemplateException e)
        {
            outcome = $"error in {e.TemplateName} line {e.Line}: {e.Reason}";
        }
    }
}
