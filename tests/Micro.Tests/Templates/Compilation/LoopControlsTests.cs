using Micro.Templates;
using Micro.Tests.Support;

namespace Micro.Tests.Templates.Compilation;

/// <summary>
/// <c>{% break %}</c> and <c>{% continue %}</c> belong to a loop of the same function: outside any loop, or in a macro,
/// <c>call</c> body or block defined inside a loop, they are an error when the template compiles (Jinja's generated
/// Python fails to compile there). Rendering with them is tested against Jinja2 in Golden/023-loopcontrols-and-do.
/// </summary>
public sealed class LoopControlsTests : TemplateFolderTests
{
    public static TheoryData<string, int, int, string> Misplaced => new()
    {
        { "ok\n{% if true %}{% break %}{% endif %}", 2, 17, "'break' outside loop" },
        { "{% for i in [1] %}{% macro m() %}\n  {% continue %}{% endmacro %}{% endfor %}", 2, 6, "'continue' not properly in loop" },
        { "{% for i in [1] %}{% block b %}\n{% break %}{% endblock %}{% endfor %}", 2, 4, "'break' outside loop" },
        { "{% macro m() %}{{ caller() }}{% endmacro %}{% for i in [1] %}{% call m() %}\n\n{% break %}{% endcall %}{% endfor %}", 3, 4, "'break' outside loop" },
        { "{% for i in [1] %}{% else %}\n{% break %}{% endfor %}", 2, 4, "'break' outside loop" },
    };

    [Theory]
    [MemberData(nameof(Misplaced))]
    public void A_loop_control_outside_a_loop_of_its_function_does_not_compile(string text, int line, int column, string reason)
    {
        Write("a.txt", text);
        var e = Assert.Throws<TemplateException>(() => Engine(o => o.EnableLoopControls = true).Render("a.txt"));
        Assert.Equal(("a.txt", line, column, reason), (e.TemplateName, e.Line, e.Column, e.Reason));
    }

    [Fact]
    public void A_loop_control_reaches_its_loop_through_if_with_and_autoescape_and_leaves_only_that_loop()
    {
        Write("a.txt", "{% for i in [1, 2, 3] %}{% for j in [1, 2] %}{% with k = j %}{% autoescape false %}{% if k == 2 %}{% if i == 2 %}{% break %}{% endif %}{% continue %}{% endif %}{% endautoescape %}{% endwith %}{{ i }}{{ j }} {% endfor %}{% if i == 2 %}{% continue %}{% endif %}/{% endfor %}");
        Assert.Equal("11 /21 31 /", Engine(o => o.EnableLoopControls = true).Render("a.txt"));
    }
}
