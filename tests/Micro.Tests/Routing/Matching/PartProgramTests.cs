using System.Text;
using System.Text.RegularExpressions;
using Micro.Routing;
using Micro.Routing.Converters;
using Micro.Routing.Matching;

namespace Micro.Tests.Routing.Matching;

/// <summary>
/// The linear-time program must find exactly what the backtracking engine finds (the engine the Werkzeug goldens
/// were checked against): same success, same bounds for every converter group, on every rule part shape and on
/// many random texts; and it must take the parts the built-in converters make.
/// </summary>
public class PartProgramTests
{
    private static readonly IReadOnlyDictionary<string, Func<ConverterArguments, Converter>> Converters = Converters_();

    /// <summary>Rules covering every built-in converter and argument form, shared segments, path mid-rule and trailing slashes.</summary>
    public static readonly string[] Rules =
    [
        "/<name>", "/p/<string(minlength=2,maxlength=4):s>", "/p/<string(length=3):s>x", "/i/<int:i>", "/i/<int(signed=True):i>",
        "/i/<int(fixed_digits=3):i>", "/f/<float:f>", "/f/<float(signed=True):f>.json", "/u/<uuid:u>", "/a/<any(ab, a, 'b-c'):a>",
        "/<path:p>", "/<path:p>/", "/x/<path:p>/edit", "/m/<path:a>/<path:b>/<path:c>/z", "/m/<path:a>/<b>-<int:c>/<path:d>/",
        "/s/<a>-<b>", "/s/<a>-<b>-<c>-<int:d>", "/s/<a>.<b>", "/s/v<int:a>.<int:b>-<any(x, xy):c>", "/s/<int:a><b>",
        "/s/<a><int:b>", "/d/<path:a>.<path:b>", "/l/<list:l>/<nested:n>", "/l/<choices:c>-<list:l>/<path:p>/",
        "/e/<a>-<b>-<c>-<d>-<e>-<f>-<g>-<h>-<i>-<j>-<k>", "/o/<string(maxlength=2):a><string(minlength=2):b>",
    ];

    public static TheoryData<string> RuleData()
    {
        var data = new TheoryData<string>();
        foreach (var rule in Rules)
        {
            data.Add(rule);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RuleData))]
    public void Every_part_of_a_rule_matches_as_the_backtracking_engine_does(string text)
    {
        var rule = new Rule(text, text, ["GET"], strictSlashes: true, Converters);
        var random = new Random(text.GetHashCode(StringComparison.Ordinal) & 0x7fffffff);
        foreach (var part in rule.Parts.Where(part => !part.IsStatic))
        {
            Assert.NotNull(part.Program);
            var alphabet = Alphabet(part.Content);
            var reported = part.Suffixed ? [.. part.GroupNames, Rule.SuffixGroup] : part.GroupNames;
            for (var i = 0; i < 3000; i++)
            {
                var input = RandomText(random, alphabet, part.Final ? 14 : 9);
                Compare(part.Pattern!, part.Program!, reported, input);
            }
        }
    }

    /// <summary>Custom converter regexes: the subset the program reads.</summary>
    public static readonly string[] Supported =
    [
        "(?:a+)+b", "a*?b|ab", "(a|ab)(c|bcd)(d*)", "[a-c]{2,4}?c", "x{2}", "a{,2}", "a{1,}?", "b{0}a", "(?:ab|a)(?:bc|c)",
        @"\d+", @"\w+", @"\p{L}+", @"[^\W\d]+", ".", "a$", "^a", "(?<!a)b", "(?=a).", "(?!b)..", "[]a]+", "[a-]", "[-a]", @"a\.b",
        @"\u00e9", @"\x41", "(?<n>a)+", "(a)?b", "a|", "(?:a?){3}", @"[\t\n]+", @"[\]\-\\]+", "[^]a]", @"\s\S", @"[^/\uD800-\uDFFF]{1,3}",
        @"(?:[^/\uD800-\uDFFF]|[\uD800-\uDBFF][\uDC00-\uDFFF]){2}", "(?'q'a)b", "(?<1>a)b", "a{2,3}a{2,3}", "(?:a|b|ab)*?b$",
    ];

    /// <summary>What the program leaves to .NET's engine.</summary>
    public static readonly string[] Unsupported =
    [
        @"(a)\1", "(?>a+)", "(?i)a", @"\bfoo", "(?=ab)", "(a*)*", "(?:a?)+", "[a-z-[aeiou]]", "a{2000}", "(?(a)b|c)", @"\Ga", @"\k<x>", "(?#c)a", "a**",
    ];

    public static TheoryData<string> SupportedData() => Data(Supported);

    public static TheoryData<string> UnsupportedData() => Data(Unsupported);

    [Theory]
    [MemberData(nameof(SupportedData))]
    public void Supported_custom_regexes_match_as_the_backtracking_engine_does(string custom)
    {
        var pattern = @"\A(?:x(?<__werkzeug_0>" + custom + @")(?<__werkzeug_1>[^/]*?)\z)";
        string[] names = ["__werkzeug_0", "__werkzeug_1"];
        var program = PartProgram.TryCompile(pattern, names);
        Assert.NotNull(program);
        var regex = new Regex(pattern, RegexOptions.CultureInvariant);
        var random = new Random(custom.Length);
        var alphabet = Alphabet(custom + "ab1 \n-/é\uD83D\uDE00");
        for (var i = 0; i < 3000; i++)
        {
            Compare(regex, program!, names, "x" + RandomText(random, alphabet, 8));
        }
    }

    [Theory]
    [MemberData(nameof(UnsupportedData))]
    public void Regexes_outside_the_subset_are_left_to_dotnet(string custom) =>
        Assert.Null(PartProgram.TryCompile(@"\A(?:(?<__werkzeug_0>" + custom + @")\z)", ["__werkzeug_0"]));

    [Fact]
    public void A_custom_converter_outside_the_subset_still_matches_through_dotnet()
    {
        var converters = new Dictionary<string, Func<ConverterArguments, Converter>>(Converters) { ["twice"] = _ => new TwiceConverter() };
        var rule = new Rule("/t/<twice:t>", "t", ["GET"], strictSlashes: true, converters);
        var matcher = new StateMachineMatcher<Rule>();
        matcher.Add(rule, rule);
        matcher.Update();
        Assert.Null(rule.Parts[^1].Program);
        Assert.Equal(["aa"], matcher.Match("/t/aa", "GET").Values);
        Assert.Null(matcher.Match("/t/ab", "GET").Route);
    }

    [Theory]
    [InlineData("[^/]")]
    [InlineData(@"[^/\uD800-\uDFFF]")]
    [InlineData("[A-Fa-f0-9]")]
    [InlineData("[a-]")]
    [InlineData("[-a]")]
    [InlineData("[]a]")]
    [InlineData("[^]a]")]
    [InlineData(@"[\]\-\\]")]
    [InlineData(@"[a\-z]")]
    [InlineData(@"[\t\n\x41-\x43]")]
    [InlineData(@"[\w.]")]
    [InlineData(@"\d")]
    public void A_character_class_holds_what_dotnet_holds(string text)
    {
        var set = CharSet.FromClass(text);
        var regex = new Regex(@"\A" + text + @"\z", RegexOptions.CultureInvariant);
        for (var c = 0; c <= char.MaxValue; c++)
        {
            if (set.Contains((char)c) != regex.IsMatch(((char)c).ToString()))
            {
                Assert.Fail($"{text} and U+{c:X4}: the set says {set.Contains((char)c)}");
            }
        }
    }

    private static TheoryData<string> Data(IEnumerable<string> items)
    {
        var data = new TheoryData<string>();
        foreach (var item in items)
        {
            data.Add(item);
        }

        return data;
    }

    private static void Compare(Regex regex, PartProgram program, IReadOnlyList<string> names, string input)
    {
        var expected = regex.Match(input);
        var captures = new int[2 * names.Count];
        var meter = new MatchMeter(CancellationToken.None);
        var actual = program.Match(input, 0, input.Length, captures, ref meter);
        Assert.True(expected.Success == actual, $"{regex} on \"{input}\": .NET {expected.Success}, program {actual}");
        if (!actual)
        {
            return;
        }

        for (var g = 0; g < names.Count; g++)
        {
            var group = expected.Groups[names[g]];
            var bounds = group.Success ? (group.Index, group.Index + group.Length) : (-1, -1);
            Assert.True(bounds == (captures[2 * g], captures[(2 * g) + 1]), $"{regex} on \"{input}\": group {names[g]} .NET {bounds}, program ({captures[2 * g]}, {captures[(2 * g) + 1]})");
        }
    }

    // The characters the pattern names, plus ones that stress classes: a slash, digits, a newline, a dot, a surrogate pair.
    private static string[] Alphabet(string pattern)
    {
        var letters = pattern.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '/' or ',').Distinct().Select(c => c.ToString());
        return [.. letters.Take(12), "/", "-", ".", "1", "\n", "a", "\uD83D\uDE00", "F"];
    }

    private static string RandomText(Random random, string[] alphabet, int maxLength)
    {
        var builder = new StringBuilder();
        var length = random.Next(maxLength + 1);
        for (var i = 0; i < length; i++)
        {
            builder.Append(alphabet[random.Next(alphabet.Length)]);
        }

        return builder.ToString();
    }

    private static IReadOnlyDictionary<string, Func<ConverterArguments, Converter>> Converters_()
    {
        var app = MicroApp.Create();
        app.Converters["nested"] = _ => new AdversarialCase.NestedConverter();
        app.Converters["choices"] = _ => new AdversarialCase.ChoicesConverter();
        app.Converters["list"] = _ => new ListConverter();
        return (IReadOnlyDictionary<string, Func<ConverterArguments, Converter>>)app.Converters;
    }

    private sealed class ListConverter : Converter
    {
        public override string Regex => "[a-z]+(?:,[a-z]+)*";
    }

    private sealed class TwiceConverter : Converter
    {
        public override string Regex => @"(?<c>[a-z])\k<c>";
    }
}
