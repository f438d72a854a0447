using Micro.Templates;

namespace Micro.Tests.Templates;

public class EngineSmokeTests
{
    private static string R(string src, object? model = null, string name = "t.html") =>
        new TemplateEngine(new TemplateEngineOptions()).RenderString(src, model, null, name);

    [Theory]
    [InlineData("Hello {{ name }}!", "Hello &lt;b&gt;!")]
    [InlineData("{{ 1 + 2 }} {{ 7 / 2 }} {{ 7 // 2 }} {{ -7 % 3 }} {{ 2 ** 10 }} {{ 4 / 2 }}", "3 3.5 3 2 1024 2.0")]
    [InlineData("{{ none }} {{ true }} {{ false }} {{ missing }}|", "None True False |")]
    [InlineData("{% if x %}a{% elif y %}b{% else %}c{% endif %}", "c")]
    [InlineData("{% for i in [1,2,3] %}{{ loop.index }}{{ i }}{% if not loop.last %},{% endif %}{% endfor %}", "11,22,33")]
    [InlineData("{% set a = 'x' ~ 1 %}{{ a }}{{ 'b' if a else 'c' }}", "x1b")]
    [InlineData("{{ name|upper }} {{ [3,1,2]|sort|join(',') }}", "&lt;B&gt; 1,2,3")]
    [InlineData("{% macro m(a, b=2) %}[{{ a }}{{ b }}]{% endmacro %}{{ m(1) }}{{ m(1, b='<') }}", "[12][1&lt;]")]
    [InlineData("{{ '\"\\'' }}", "&#34;&#39;")]
    [InlineData("{{ x or 'd' }} {{ x and 1 }}", "d ")]
    public void Renders_basic_jinja(string src, string expected) => Assert.Equal(expected, R(src, new Dictionary<string, object?> { ["name"] = "<b>" }));
}
