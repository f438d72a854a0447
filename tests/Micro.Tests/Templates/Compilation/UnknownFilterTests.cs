using Micro.Templates;
using Micro.Tests.Support;

namespace Micro.Tests.Templates.Compilation;

/// <summary>
/// When an unknown filter or test is an error, and which error, as Jinja 3.1 decides: in an <c>if</c> or an inline
/// <c>if</c>, only when it runs (after its value, "No filter named 'x' found."); elsewhere when the template compiles,
/// before anything runs ("No filter named 'x'."). Golden/025-unknown-filters-and-tests holds the same cases from Jinja2.
/// </summary>
public sealed class UnknownFilterTests : TemplateFolderTests
{
    public static TheoryData<string, string> Cases => new()
    {
        { "{% if true %}{{ 1|nosuch }}{% endif %}", "No filter named 'nosuch' found." },
        { "{% if false %}{% else %}{{ 1 is nosuch }}{% endif %}", "No test named 'nosuch' found." },
        { "{% if true %}{{ (1 / 0)|nosuch }}{% endif %}", "division by zero" },
        { "{{ (1 / 0)|nosuch }}", "No filter named 'nosuch'." },
        { "{% if false %}{% for i in [1] %}{{ 1|nosuch }}{% endfor %}{% endif %}", "No filter named 'nosuch'." },
        { "{% if false %}{% filter nosuch %}x{% endfilter %}{% endif %}", "No filter named 'nosuch'." },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void An_unknown_filter_or_test_fails_with_jinjas_error_at_jinjas_time(string text, string reason)
    {
        Write("a.txt", "ok\n" + text);
        var e = Assert.Throws<TemplateException>(() => Engine().Render("a.txt"));
        Assert.Equal(("a.txt", 2, reason), (e.TemplateName, e.Line, e.Reason));
    }

    [Fact]
    public void An_unknown_filter_in_a_branch_that_does_not_run_renders()
    {
        Write("a.txt", "{% if false %}{{ x|nosuch }}{% endif %}{{ 1 if true else x|nosuch }}");
        Assert.Equal("1", Engine().Render("a.txt"));
    }
}
