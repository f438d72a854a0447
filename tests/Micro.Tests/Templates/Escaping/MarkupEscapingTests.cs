using Micro.Templates;
using Micro.Tests.Support;

namespace Micro.Tests.Templates.Escaping;

/// <summary>
/// The reproductions of untrusted text reaching HTML through markup: every <c>Markup</c> method escapes its
/// arguments, as MarkupSafe's does, and <c>xmlattr</c> refuses attribute names that would break out of the
/// attribute, as Jinja does since 3.1.4. (The whole class is covered by <see cref="EscapingParityTests"/>
/// and <see cref="EscapingPropertyTests"/>.)
/// </summary>
public sealed class MarkupEscapingTests : TemplateFolderTests
{
    private static readonly object Model = new { x = "<i>" };

    [Theory]
    [InlineData("{{ ('<b>{}</b>'|safe).format(x) }}", "<b>&lt;i&gt;</b>")]
    [InlineData("{{ ('<b>{a}</b>'|safe).format(a=x) }}", "<b>&lt;i&gt;</b>")]
    [InlineData("{{ ('<b>'|safe).replace('b', x) }}", "<&lt;i&gt;>")]
    [InlineData("{{ ('<b>'|safe).join([x]) }}", "&lt;i&gt;")]
    public void Markup_methods_escape_their_arguments(string template, string expected)
    {
        using var engine = Engine();
        Assert.Equal(expected, engine.RenderString(template, Model, name: "page.html"));
    }

    [Theory]
    [InlineData("onclick=alert(1) x")]
    [InlineData("a b")]
    [InlineData("a/b")]
    [InlineData("a=b")]
    [InlineData("a\tb")]
    [InlineData("a>b")]
    [InlineData("a\nb")]
    [InlineData("a\rb")]
    [InlineData("a\fb")]
    [InlineData("a\vb")]
    [InlineData(" a")]
    public void Xmlattr_refuses_keys_that_would_end_the_attribute_name(string key)
    {
        Write("page.html", "<p>\n  <div{{ attrs|xmlattr }}>");
        using var engine = Engine();
        var e = Assert.Throws<TemplateException>(() => engine.Render("page.html", new { attrs = new Dictionary<string, object?> { [key] = 1 } }));
        Assert.Equal(("page.html", 2), (e.TemplateName, e.Line));
        Assert.Contains("Invalid character in attribute name", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Xmlattr_still_escapes_keys_and_values_it_accepts()
    {
        using var engine = Engine();
        var attrs = new Dictionary<string, object?> { ["data-a\"<"] = "\"><script>", ["skip"] = null };
        Assert.Equal(" data-a&#34;&lt;=\"&#34;&gt;&lt;script&gt;\"", engine.RenderString("{{ attrs|xmlattr }}", new { attrs }, name: "page.html"));
    }
}
