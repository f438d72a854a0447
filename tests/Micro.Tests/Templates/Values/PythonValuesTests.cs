using System.Diagnostics;
using Micro.Templates;

namespace Micro.Tests.Templates.Values;

/// <summary>The examples of issue 12 that motivated Python's values in templates, as sentences (the golden tables cover the rest).</summary>
public sealed class PythonValuesTests
{
    private static string Render(string template, object? model = null)
    {
        using var engine = new TemplateEngine();
        return engine.RenderString(template, model ?? new { }, name: "case.txt");
    }

    [Theory]
    [InlineData("{{ 3037000500 * 3037000500 }}", "9223372037000250000")]
    [InlineData("{{ 4611686018427387904 * 4 }}", "18446744073709551616")]
    [InlineData("{{ 9223372036854775807 + 1 }}", "9223372036854775808")]
    [InlineData("{{ -9223372036854775807 - 2 }}", "-9223372036854775809")]
    [InlineData("{{ 10**20 }}", "100000000000000000000")]
    [InlineData("{{ '12345678901234567890'|int }}", "12345678901234567890")]
    [InlineData("{{ ('12345678901234567890'|int) is integer }}", "True")]
    [InlineData("{{ 2**53 + 1 > 9007199254740992.0 }}", "True")]
    [InlineData("{{ 12345678901234567890 }}", "12345678901234567890")]
    [InlineData("{{ 12345678901234567890 is integer }}", "True")]
    [InlineData("{{ 0xFFFFFFFFFFFFFFFFFF }}", "4722366482869645213695")]
    [InlineData("{{ 12345678901234567890 * 10 - 1 }}", "123456789012345678899")]
    [InlineData("{{ 1_000_000_000_000_000_000_000 // 7 }}", "142857142857142857142")]
    public void Integers_are_exact_past_64_bits_and_never_wrap(string template, string expected) =>
        Assert.Equal(expected, Render(template));

    [Fact]
    public void A_price_times_a_quantity_past_64_bits_prints_the_exact_total() =>
        Assert.Equal("27670116110564327418", Render("{{ price * quantity }}", new { price = 3_074_457_345_618_258_602L, quantity = 9 }));

    [Theory]
    [InlineData("{{ {'k': 1} == {'k': 1} }}", "True")]
    [InlineData("{{ {'k': 1} in [{'k': 1}] }}", "True")]
    [InlineData("{{ [{'k': 1}, {'k': 2}]|select('eq', {'k': 1})|list|length }}", "1")]
    [InlineData("{{ [1, 1.0, true, 2]|unique|list }}", "[1, 2]")]
    public void Dicts_lists_and_tuples_compare_by_value(string template, string expected) =>
        Assert.Equal(expected, Render(template));

    [Fact]
    public void Unique_is_linear_in_the_number_of_items()
    {
        // Compared pairwise, 100,000 distinct items are five billion comparisons (minutes); hashed, milliseconds.
        var items = Enumerable.Range(0, 100_000).Select(i => (object?)(long)i).ToList();
        var watch = Stopwatch.StartNew();
        Assert.Equal("100000", Render("{{ items|unique|list|length }}", new { items }));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"unique took {watch.Elapsed}");
    }

    [Theory]
    [InlineData("{{ '{0!r}|{0[0]}|{1:>4}|{2:.2f}|{3:,}|{4:x}|{{}}'.format('ab', 7, 2.5, 1234567, 255) }}", "'ab'|a|   7|2.50|1,234,567|ff|{}")]
    [InlineData("{{ '%5.2f|%-4s|%05d|%#x' % (3.14159, 'ab', 42, 255) }}", " 3.14|ab  |00042|0xff")]
    [InlineData("{{ '%(n)s items' % {'n': 3} }}|{{ '{u[name]}'.format(u={'name': 'Ada'}) }}", "3 items|Ada")]
    public void Format_and_percent_follow_pythons_rules(string template, string expected) =>
        Assert.Equal(expected, Render(template));
}
