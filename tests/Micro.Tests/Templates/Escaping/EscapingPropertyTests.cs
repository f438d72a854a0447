using CsCheck;
using Micro.Templates;

namespace Micro.Tests.Templates.Escaping;

/// <summary>
/// Untrusted text never adds markup: for any string <c>x</c>, every way a template can combine it with markup
/// (Markup methods and operators, the filters that build markup) gives output with exactly the tags and quotes
/// that the same template gives for a harmless <c>x</c>. A raw <c>&lt; &gt; " '</c> from <c>x</c> would add some.
/// </summary>
public sealed class EscapingPropertyTests
{
    public static TheoryData<string> Templates() =>
    [
        "{{ ('<p title=\"{}\">{}</p>'|safe).format(x, x) }}",
        "{{ ('<p>{a}{a!r}{a!s}</p>'|safe).format(a=x) }}",
        "{{ ('<p>{a}</p>'|safe).format_map({'a': x}) }}",
        "{{ ('<p>%s</p>'|safe) % x }}",
        "{{ ('<p>%s%r%-3s</p>'|safe) % (x, x, x) }}",
        "{{ ('<p>%(a)s</p>'|safe) % {'a': x} }}",
        "{{ ('<p>'|safe) + x }}{{ x + ('<p>'|safe) }}",
        "{{ ('<p>'|safe) ~ x }}{{ x ~ ('<p>'|safe) }}{{ x ~ 1 ~ ('<p>'|safe) ~ x }}",
        "{{ ('<p>'|safe).join([x, x]) }}",
        "{{ ('<p>a</p>'|safe).replace('a', x) }}",
        "{{ ('<p>'|safe).escape(x) }}",
        "{{ [x, '<p>'|safe]|join(x) }}{{ [x, x]|join('<p>'|safe) }}",
        "{{ ('<p>a</p>'|safe)|replace('a', x) }}{{ x|replace('z', '<p>'|safe) }}",
        "{{ ('<p>%s</p>'|safe)|format(x) }}{{ ('<p>%(a)s</p>'|safe)|format(a=x) }}",
        "<p{{ {'title': x, 'class': x}|xmlattr }}>",
        "{{ ('<p>'|safe).center(9) ~ x }}{{ x|center(9) }}{{ x|indent(2, true) }}",
        "{{ ('<p>' ~ x)|safe|striptags }}",
        "{% macro m(v) %}<b>{{ v }}</b>{% endmacro %}{{ m(x) }}{{ m(x).replace('b', x) }}{{ '{}'.format(m(x)) ~ x }}",
    ];

    [Theory]
    [MemberData(nameof(Templates))]
    public void Untrusted_text_adds_no_markup(string template)
    {
        using var engine = new TemplateEngine();
        var shape = Shape(engine.RenderString(template, new { x = "ab" }, name: "page.html"));
        Gen.String["<>&\"' ab/=\t\n;#x%{}"].Sample(x =>
        {
            var output = engine.RenderString(template, new { x }, name: "page.html");
            Assert.True(Shape(output) == shape, $"x = {x}: {output}");
        });
    }

    // How many of each character that can open a tag or end an attribute value the output holds.
    private static (int Lt, int Gt, int Quote, int Apostrophe) Shape(string html) =>
        (html.Count(c => c == '<'), html.Count(c => c == '>'), html.Count(c => c == '"'), html.Count(c => c == '\''));
}
