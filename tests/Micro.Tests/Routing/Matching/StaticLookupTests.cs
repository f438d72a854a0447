using CsCheck;
using Micro.Routing;
using Micro.Routing.Converters;

namespace Micro.Tests.Routing.Matching;

/// <summary>
/// The matcher looks a path that names a static rule up before walking the state tree. The walk tries static
/// transitions first, so the lookup must give exactly what the walk gives: same rule, values, redirect and allowed
/// methods, for any rule set and any path. Checked over random rule sets mixing static and dynamic rules, methods and
/// slashes, against the same matcher with the lookup off.
/// </summary>
public class StaticLookupTests
{
    // {0} numbers a variable by its position, so no rule names one twice.
    private static readonly string[] Segments = ["a", "b", "users", "<int:id{0}>", "<name{0}>", "<path:rest{0}>", "<any(a, b):x{0}>", ""];
    private static readonly string[] Methods = ["GET", "POST", "PUT"];

    private static readonly Gen<string> RuleText =
        Gen.Int[1, 3].SelectMany(n => Gen.Int[0, Segments.Length - 1].Array[n])
            .Select(indexes => "/" + string.Join('/', indexes.Select((segment, position) => string.Format(System.Globalization.CultureInfo.InvariantCulture, Segments[segment], position))));

    private static readonly Gen<string> PathText =
        Gen.Int[0, 4].SelectMany(n => Gen.OneOf(Gen.Const("a"), Gen.Const("b"), Gen.Const("users"), Gen.Const("42"), Gen.Const(""), Gen.Const("x")).Array[n])
            .Select(parts => "/" + string.Join('/', parts));

    [Fact]
    public void The_static_lookup_answers_as_the_walk_does()
    {
        var converters = (IReadOnlyDictionary<string, Func<ConverterArguments, Converter>>)MicroApp.Create().Converters;
        var rules = Gen.Select(RuleText, Gen.Int[0, Methods.Length - 1], Gen.Bool).Array[1, 12];
        Gen.Select(rules, PathText.Array[1, 8], Gen.Int[0, Methods.Length - 1]).Sample((ruleSet, paths, method) =>
        {
            var matcher = new StateMachineMatcher<Rule>();
            var seen = new HashSet<(string, string)>();
            foreach (var (text, m, strict) in ruleSet)
            {
                if (seen.Add((text, Methods[m])))
                {
                    var rule = new Rule(text, text + " " + Methods[m], [Methods[m]], strictSlashes: strict, converters);
                    matcher.Add(rule, rule);
                }
            }

            matcher.Update();
            foreach (var path in paths)
            {
                matcher.LooksUpStaticPaths = true;
                var looked = matcher.Match(path, Methods[method]);
                matcher.LooksUpStaticPaths = false;
                var walked = matcher.Match(path, Methods[method]);
                Assert.Equal(Describe(walked), Describe(looked));
            }
        }, iter: 2000);
    }

    [Fact]
    public void A_static_rule_is_found_by_lookup_and_by_walk_alike()
    {
        var converters = (IReadOnlyDictionary<string, Func<ConverterArguments, Converter>>)MicroApp.Create().Converters;
        var matcher = new StateMachineMatcher<Rule>();
        var post = new Rule("/a", "post a", ["POST"], strictSlashes: true, converters);
        var dynamic = new Rule("/<name>", "get name", ["GET"], strictSlashes: true, converters);
        var plain = new Rule("/plaintext", "plaintext", ["GET"], strictSlashes: true, converters);
        foreach (var rule in new[] { post, dynamic, plain })
        {
            matcher.Add(rule, rule);
        }

        matcher.Update();
        Assert.Same(plain, matcher.Match("/plaintext", "GET").Route);

        // The static rule takes another method: the walk goes on to the dynamic rule, and POST is remembered as allowed.
        var outcome = matcher.Match("/a", "GET");
        Assert.Same(dynamic, outcome.Route);
        Assert.Equal(["a"], outcome.Values);
        Assert.Equal(["POST"], outcome.AllowedMethods);
    }

    private static string Describe(MatchOutcome<Rule> outcome) =>
        $"{outcome.Route?.Endpoint} [{string.Join(",", outcome.Values ?? [])}] {outcome.RedirectPath} {{{string.Join(",", outcome.AllowedMethods.Order(StringComparer.Ordinal))}}} {outcome.IsAborted}";
}
