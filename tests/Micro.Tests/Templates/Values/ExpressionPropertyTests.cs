namespace Micro.Tests.Templates.Values;

/// <summary>
/// A property test with Jinja2 as the oracle: tools/goldens/expression_goldens.py drew three thousand expressions
/// from a grammar of integer (to far past 64 bits) and float arithmetic, comparisons, value equality, str.format and
/// <c>%</c> formatting and filters over lists and dicts, with a fixed seed, and recorded Jinja2 3.1's output or error
/// for each. Every one must render to the same bytes here, or fail where Jinja fails.
/// </summary>
public sealed class ExpressionPropertyTests
{
    private static readonly Lazy<GoldenTable> s_table = new(() => GoldenTable.Load("expressions.json"));

    public static TheoryData<string> Cases() => s_table.Value.Names();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Renders_what_jinja2_renders(string name) => s_table.Value.Check(name);
}
