using Micro.Templates;
using Micro.Tests.Support;

namespace Micro.Tests.Templates.Compilation;

/// <summary>
/// Runtime errors raised by a tag itself (not by an expression inside it) name the template, line and column of the
/// tag, in a layout, a child template or a macro alike. Each failing part sits on line 2 or deeper, after text, so a
/// position taken from the wrong place (the start of the template, the start of a block) shows.
/// </summary>
public sealed class ErrorPositionTests : TemplateFolderTests
{
    // (template text on "a.html", expected (template, line, column), part of the reason). A tag is named where its
    // name is written, an include or import where the template's name is, `{% set ns.x = ... %}` where `ns` is.
    // (Python words a failed unpacking "cannot unpack non-iterable int object"; the position is what is tested here.)
    public static TheoryData<string, string, int, int, string> Cases => new()
    {
        { "x\n  {% for x in 5 %}{% endfor %}", "a.html", 2, 6, "'int' object is not iterable" },
        { "x\n  {% for a, b in [1] %}{% endfor %}", "a.html", 2, 6, "int" },
        { "x\n\n {% for x in [[1, 2, 3]] %}\n {% for a, b in x %}{% endfor %}{% endfor %}", "a.html", 4, 5, "int" },
        { "x\n  {% for x in 5 recursive %}{{ loop(x) }}{% endfor %}", "a.html", 2, 6, "'int' object is not iterable" },
        { "x\n  {% set a, b = [1] %}", "a.html", 2, 6, "not enough values to unpack (expected 2, got 1)" },
        { "x\n  {% set n = 1 %}{% set n.y = 1 %}", "a.html", 2, 25, "cannot assign attribute on non-namespace object" },
        { "x\n  {% include 'nope.html' %}", "a.html", 2, 14, "nope.html" },
        { "x\n  {% import 'nope.html' as m %}", "a.html", 2, 13, "nope.html" },
        { "x\n  {% from 'nope.html' import m %}", "a.html", 2, 11, "nope.html" },
        { "{% macro m() %}\n\n  {% for x in 5 %}{% endfor %}{% endmacro %}x{{ m() }}", "a.html", 3, 6, "'int' object is not iterable" },
        { "{% extends 'base.html' %}{% block b %}\n   {% set a, b = 1 %}{% endblock %}", "a.html", 2, 7, "int" },
        { "{% extends 'base.html' %}{% block b %}{{ super() }}{% endblock %}", "base.html", 3, 8, "'int' object is not iterable" },
        { "{% extends 'base.html' %}\n{% set x = 1 %}\n\n{% set a, b = 1 %}", "a.html", 4, 4, "int" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_tag_error_names_the_template_line_and_column_of_the_tag(string text, string template, int line, int column, string reason)
    {
        Write("base.html", "base\n{% block b %}\n    {% for x in 5 %}{% endfor %}{% endblock %}");
        Write("a.html", text);
        var e = Assert.Throws<TemplateException>(() => Engine().Render("a.html"));
        Assert.Equal((template, line, column), (e.TemplateName, e.Line, e.Column));
        Assert.Contains(reason, e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_loop_limit_names_the_loop_that_passed_it()
    {
        Write("a.html", "{% for i in range(3) %}{% endfor %}\n\n  {% for i in range(3) %}{% for j in range(3) %}{% endfor %}{% endfor %}");
        var e = Assert.Throws<TemplateException>(() => Engine(o => o.MaxLoopIterations = 8).Render("a.html"));
        Assert.Equal(("a.html", 3), (e.TemplateName, e.Line));
    }

    [Fact]
    public void The_output_limit_names_the_template_that_passed_it()
    {
        Write("inc.html", "x\n{{ 'y' * 100 }}");
        Write("a.html", "{% include 'inc.html' %}");
        var e = Assert.Throws<TemplateException>(() => Engine(o => o.MaxOutputChars = 50).Render("a.html"));
        Assert.Equal("inc.html", e.TemplateName);
    }
}
