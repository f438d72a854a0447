using CsCheck;
using Micro.Templates;
using Micro.Templates.Syntax;

namespace Micro.Tests.Templates.Syntax;

/// <summary>Properties of the lexer and parser over generated sources, under every combination of the syntax options.</summary>
public sealed class ParserPropertyTests
{
    // Tag delimiters, whitespace control, brackets, quotes, digits and dots: the characters the lexer decides on.
    private const string Alphabet = "{}{}%%##-+ \t\n\r\u00a0x.0e1_'\"()[]|:,=";

    private static readonly SyntaxOptions[] Combinations =
    [
        .. from trim in new[] { false, true }
           from lstrip in new[] { false, true }
           from keep in new[] { false, true }
           from extensions in new[] { false, true }
           select new SyntaxOptions(trim, lstrip, keep, extensions, extensions),
    ];

    [Fact]
    public void Any_source_parses_or_fails_with_a_template_error_inside_the_template()
    {
        Gen.String[Gen.Char[Alphabet], 0, 40].Sample(source =>
        {
            var lines = JinjaLexer.Normalize(source, keepTrailingNewline: true).Split('\n').Length;
            foreach (var options in Combinations)
            {
                try
                {
                    JinjaParser.Parse("t.txt", source, options);
                }
                catch (TemplateException e)
                {
                    Assert.InRange(e.Line, 1, lines);
                }
            }
        }, iter: 3000);
    }

    [Theory]
    [InlineData("{{ 0x10000000000000000 }}")]
    [InlineData("{{ 0o2000000000000000000000 }}")]
    [InlineData("{{ 0b10000000000000000000000000000000000000000000000000000000000000000 }}")]
    public void A_literal_past_64_bits_in_any_base_reads_as_the_same_number_in_decimal(string template)
    {
        using var engine = new TemplateEngine();
        Assert.Equal(engine.RenderString("{{ 18446744073709551616 }}"), engine.RenderString(template));
    }
}
