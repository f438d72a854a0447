using System.Text;
using System.Text.RegularExpressions;
using Micro.Routing;
using Micro.Routing.Converters;
using Micro.Routing.Matching;

namespace Micro.Tests.Routing.Matching;

/// <summary>
/// The parts of one state matched through one shared program, in order, over one run (so failures found for one part
/// are reused by the next, and a success the search goes past is forgotten), must each find exactly what .NET's
/// backtracking engine finds for that part alone: same success, same bounds for every group.
/// </summary>
public class SharedProgramTests
{
    private static readonly IReadOnlyDictionary<string, Func<ConverterArguments, Converter>> Converters = MicroApp.Create().Converters is var c
        ? (IReadOnlyDictionary<string, Func<ConverterArguments, Converter>>)c
        : throw new InvalidOperationException();

    /// <summary>Families of rules whose parts meet at one state: same shapes with different literals, lazy and greedy loops before literals, overlaps.</summary>
    public static readonly string[][] Families =
    [
        ["/<path:a>/e1/<path:b>/<int:c>", "/<path:a>/e12/<path:b>/<int:c>", "/<path:a>/e2/<path:b>/<int:c>", "/<path:a>/e/<path:b>", "/<path:a>/<path:b>/e1"],
        ["/<path:a>/x", "/<path:a>/xy", "/<path:a>/y/<path:b>/x", "/<path:a>", "/<path:a>/<int:b>"],
        ["/<a>-1-<b>", "/<a>-12-<b>", "/<a>-<b>-<c>", "/<a>.<b>", "/<a>-1"],
        ["/<a>-<int:b>", "/<a>.<b>-1", "/<a>1<b>", "/<int:a><b>", "/<string(length=2):a>-<b>"],
        ["/<path:p>/", "/<path:p>-1/", "/<path:p>-<int:q>/", "/<path:p>/-"],
    ];

    /// <summary>Hand-written patterns: lazy loops over classes before literals (the scans), nested and alternated.</summary>
    public static readonly string[][] Patterns =
    [
        [@"(?<g0>[^/].*?)ab(?<g1>.*?)b\z", @"(?<g0>[^/].*?)a(?<g1>.*?)b\z", @"(?<g0>.*?)ab\z", @"(?<g0>[ab]*?)ba(?<g1>.*)\z", @"(?<g0>.*?)b(?<g1>.*?)b(?<g2>.*?)\z"],
        [@"(?<g0>(?:a.*?b)+)(?<g1>.*?)a\z", @"(?<g0>.*?)(?:ab|b)(?<g1>[^b]*?)a", @"(?<g0>.*?a)(?<g1>.*?a)b", @"(?<g0>[a-]*?)-(?<g1>a*?)-\z", @"(?<g0>.*?)\n?\z"],
        [@"(?<g0>[^a]*?)aa(?<g1>.*?)\z", @"(?<g0>.*?)aa(?<g1>[^a]+)", @"(?<g0>(?:.*?a)*?)b\z", @"(?<g0>.*?)(?<g1>a+?)b", @"(?<g0>a*)(?<g1>.*?)ab\z"],
        [@"x(?<g0>[^/]*)-(?<g1>.*)\z", @"xa(?<g0>[^/]*)-(?<g1>.*)\z", @"x.(?<g0>[^/]*)-(?<g1>.*)\z", @"(?<g0>[^/]*)-(?<g1>.*)\z", @"x(?<g0>[^/]*?)-(?<g1>.*)\z", @"xa(?<g0>[^/]*?)-(?<g1>.*)\z"],
        [@"(?<g0>[^/]+)-(?<g1>[^/]+)\z", @"(?<g0>[^/]+?)-a(?<g1>[^/]+)\z", @"(?<g0>.*?)(?<!/)(?<g1>/?)\z", @"(?<g0>.*?)-(?=a)(?<g1>.*?)$", @"(?<g0>[^/]*?)(?:-a|-)(?<g1>.*)"],
    ];

    public static TheoryData<int> FamilyData() => Indexes(Families.Length);

    public static TheoryData<int> PatternData() => Indexes(Patterns.Length);

    [Theory]
    [MemberData(nameof(FamilyData))]
    public void Rule_parts_at_one_state_match_as_the_backtracking_engine_does(int family)
    {
        foreach (var final in new[] { true, false })
        {
            var parts = Families[family]
                .Select(text => new Rule(text, text, ["GET"], strictSlashes: true, Converters).Parts.Last(part => !part.IsStatic))
                .Where(part => part.Final == final)
                .ToList();
            if (parts.Count < 2)
            {
                continue;
            }

            var members = parts.Select(part => (part.Pattern!, (IReadOnlyList<string>)(part.Suffixed ? [.. part.GroupNames, Rule.SuffixGroup] : part.GroupNames))).ToList();
            Check(members, "ab-1.2/e\n", final ? 16 : 10, family);
        }
    }

    [Theory]
    [MemberData(nameof(PatternData))]
    public void Scans_and_shared_endings_match_as_the_backtracking_engine_does(int set)
    {
        var members = Patterns[set]
            .Select(pattern => new Regex(@"\A(?:" + pattern + ")", RegexOptions.CultureInvariant))
            .Select(regex => (regex, (IReadOnlyList<string>)regex.GetGroupNames().Where(name => name.StartsWith('g')).Order(StringComparer.Ordinal).ToArray()))
            .ToList();
        Check(members, "aab-\n/x", 12, set);
    }

    [Fact]
    public void Custom_converters_at_one_state_match_as_the_backtracking_engine_does()
    {
        // Every supported custom regex of the part tests, each twice: before a lazy loop to the end, and between lazy
        // loops before literals; all of them parts of one state.
        var members = PartProgramTests.Supported
            .SelectMany(custom => new[] { @"x(?<g0>" + custom + @")(?<g1>[^/]*?)\z", @"(?<g0>.*?)a(?<g1>" + custom + @")(?<g2>.*?)b\z" })
            .Select(pattern => new Regex(@"\A(?:" + pattern + ")", RegexOptions.CultureInvariant))
            .Select(regex => (regex, (IReadOnlyList<string>)regex.GetGroupNames().Where(name => name.StartsWith('g')).Order(StringComparer.Ordinal).ToArray()))
            .ToList();
        Check(members, "xab1-/c\n", 10, 7, iterations: 1500);
    }

    [Fact]
    public void A_state_whose_parts_match_the_same_text_gets_a_shared_program_with_scans()
    {
        var program = SharedProgram.TryCreate(AdversarialRoutes.PathRules(3)
            .Select(text => new Rule(text, text, ["GET"], strictSlashes: true, Converters).Parts[^1])
            .Select(part => (part.Pattern!.ToString(), (IReadOnlyList<string>)part.GroupNames))
            .ToList());
        Assert.NotNull(program);

        // Three literals for the scans of `a` (/e0/, /e1/, /e2/) and one for `b` (/), whose ending is compiled once.
        Assert.Equal(4, program!.Literals.Count);
        var alone = PartProgram.TryCompile(new Rule("/<path:a>/e0/<path:b>/<int:c>", "r", ["GET"], true, Converters).Parts[^1].Pattern!.ToString(), ["__werkzeug_0", "__werkzeug_1", "__werkzeug_2"])!;
        Assert.True(program.Length < 2 * alone.Length, $"{program.Length} instructions for three rules of {alone.Length}");
    }

    // Every member in order over one run, as the matcher tries a state's parts: a success is followed, at random, by
    // the search going on (the run forgets) or by the next text.
    private static void Check(List<(Regex Regex, IReadOnlyList<string> Names)> members, string letters, int maxLength, int seed, int iterations = 4000)
    {
        var program = SharedProgram.TryCreate(members.Select(m => (m.Regex.ToString(), m.Names)).ToList());
        Assert.NotNull(program);
        var random = new Random(seed);
        for (var i = 0; i < iterations; i++)
        {
            var text = RandomText(random, letters, maxLength);
            var offset = random.Next(3);
            var padded = new string('/', offset) + text;
            var run = SharedRun.Acquire(program!, padded, offset, padded.Length);
            try
            {
                for (var m = 0; m < members.Count; m++)
                {
                    var (regex, names) = members[m];
                    var expected = regex.Match(padded, offset, text.Length);
                    var captures = new int[2 * names.Count];
                    var meter = new MatchMeter(CancellationToken.None);
                    var actual = program!.Match(m, run, captures, ref meter);
                    Assert.True(expected.Success == actual, $"{regex} on \"{Escape(text)}\" (part {m}): .NET {expected.Success}, shared program {actual}");
                    if (!actual)
                    {
                        continue;
                    }

                    for (var g = 0; g < names.Count; g++)
                    {
                        var group = expected.Groups[names[g]];
                        var bounds = group.Success ? (group.Index, group.Index + group.Length) : (-1, -1);
                        Assert.True(bounds == (captures[2 * g], captures[(2 * g) + 1]), $"{regex} on \"{Escape(text)}\" (part {m}): group {names[g]} .NET {bounds}, shared program ({captures[2 * g]}, {captures[(2 * g) + 1]})");
                    }

                    if (random.Next(2) == 0)
                    {
                        break;
                    }

                    run.GoPast();
                }
            }
            finally
            {
                SharedRun.Release();
            }
        }
    }

    private static string RandomText(Random random, string letters, int maxLength)
    {
        var builder = new StringBuilder();
        var length = random.Next(maxLength + 1);
        for (var i = 0; i < length; i++)
        {
            builder.Append(letters[random.Next(letters.Length)]);
        }

        return builder.ToString();
    }

    private static string Escape(string text) => text.Replace("\n", "\\n", StringComparison.Ordinal);

    private static TheoryData<int> Indexes(int count)
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < count; i++)
        {
            data.Add(i);
        }

        return data;
    }
}
