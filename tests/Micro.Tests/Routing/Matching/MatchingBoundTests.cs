using Micro.Routing;

namespace Micro.Tests.Routing.Matching;

/// <summary>
/// The matching-time bound, counted rather than timed: for every rule set of the adversarial table, the steps the
/// matcher takes (states walked, characters examined, instructions run) grow at most linearly with the path, and
/// stay under a fixed number per character. Speed itself is measured in benchmarks (MatchingBenchmarks).
/// </summary>
public class MatchingBoundTests
{
    private static readonly int[] Lengths = [500, 1000, 2000, 4000, 8000];

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var item in AdversarialRoutes.All)
        {
            data.Add(item.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matching_steps_grow_at_most_linearly_with_the_path(string name)
    {
        var item = AdversarialRoutes.All.Single(c => c.Name == name);
        var matcher = item.Build();
        var perCharacter = new List<double>();
        foreach (var length in Lengths)
        {
            var path = item.Path(length);
            var outcome = matcher.Match(path, item.Method, CancellationToken.None, out var steps);
            Assert.Equal(item.Expected, AdversarialCase.Describe(outcome));
            perCharacter.Add((double)steps / path.Length);
        }

        // Linear: the steps per character at 8,000 characters are no more than at 500 (plus a small allowance
        // for the fixed cost spread over fewer characters); quadratic growth would multiply them by 16.
        Assert.True(perCharacter[^1] <= (perCharacter[0] * 1.25) + 1, $"steps per character by length {string.Join(", ", Lengths)}: {string.Join(", ", perCharacter.Select(p => p.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)))}");

        // And within the proven bound: each state is walked once per search (twice with the merged-slash retry),
        // and a part's program tries each (instruction, position) pair once, so the steps stay under
        // 4 × (instructions + states + 1) × (characters + 2) whatever the path.
        var (states, instructions) = matcher.Size();
        foreach (var length in Lengths)
        {
            var path = item.Path(length);
            matcher.Match(path, item.Method, CancellationToken.None, out var steps);
            Assert.True(steps <= 4L * (instructions + states + 1) * (path.Length + 2), $"{steps} steps for {path.Length} characters");
        }
    }

    /// <summary>The cases whose rules share one shape at one state.</summary>
    public static TheoryData<string> SharedCases() =>
    [
        "1,000 path rules at one state", "1,000 path rules at one state, every literal present",
        "1,000 path rules at one state, every literal present, wrong method", "1,000 rules of converter pairs in one segment",
        "1,000 rules of converter pairs in one segment, every literal present",
    ];

    [Theory]
    [MemberData(nameof(SharedCases))]
    public void Rules_of_one_shape_at_one_state_add_steps_that_do_not_grow_with_the_path(string name)
    {
        // The same paths against the first 100 rules and against all 1,000: what the 900 more rules cost, per rule.
        var item = AdversarialRoutes.All.Single(c => c.Name == name);
        var few = item with { Rules = item.Rules.Take(100).ToArray() };
        var (manyMatcher, fewMatcher) = (item.Build(), few.Build());
        var perRule = new List<double>();
        foreach (var length in new[] { 500, 8000 })
        {
            var path = item.Path(length);
            var outcome = manyMatcher.Match(path, item.Method, CancellationToken.None, out var many);
            Assert.Equal(item.Expected, AdversarialCase.Describe(outcome));
            fewMatcher.Match(path, item.Method, CancellationToken.None, out var steps);
            perRule.Add((double)(many - steps) / (item.Rules.Count - few.Rules.Count));
        }

        // A rule costs its own instructions a few times over, however long the path: 16 times as long a path may not
        // cost more per rule (the cost that grows with the path is paid once for all the rules of the shape).
        var instructions = (manyMatcher.Size().Instructions - fewMatcher.Size().Instructions) / (double)(item.Rules.Count - few.Rules.Count);
        var text = string.Join(", ", perRule.Select(p => p.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.True(perRule[1] <= (perRule[0] * 1.25) + 1, $"steps per added rule at 500 and 8,000 characters: {text}");
        Assert.True(perRule[1] <= 4 * (instructions + 1), $"steps per added rule at 500 and 8,000 characters: {text}; {instructions:F1} instructions per rule");
    }
}
