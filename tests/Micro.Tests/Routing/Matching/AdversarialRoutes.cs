using System.Text;
using Micro.Routing;
using Micro.Routing.Converters;

namespace Micro.Tests.Routing.Matching;

/// <summary>
/// Rule sets built to make a Werkzeug-style matcher work hard, each with a family of paths of a chosen length
/// that it must reject or match: the table behind the matching-time bound (MatchingBoundTests counts steps,
/// the benchmark times the same cases with an 8 KB request line).
/// </summary>
internal sealed record AdversarialCase(string Name, IReadOnlyList<string> Rules, Func<int, string> Path, string Expected)
{
    /// <summary>Gets the characters of every path of the case whatever its length argument (so a path of N characters is <c>Path(N - Fixed)</c>).</summary>
    public int Fixed { get; init; }

    /// <summary>Gets the request's method (the rules take GET).</summary>
    public string Method { get; init; } = "GET";

    /// <summary>Builds the matcher, with the custom converters of the table registered.</summary>
    public StateMachineMatcher<Rule> Build()
    {
        var app = MicroApp.Create();
        app.Converters["nested"] = _ => new NestedConverter();
        app.Converters["choices"] = _ => new ChoicesConverter();
        var converters = (IReadOnlyDictionary<string, Func<ConverterArguments, Converter>>)app.Converters;
        var matcher = new StateMachineMatcher<Rule>();
        foreach (var text in Rules)
        {
            var rule = new Rule(text, text, ["GET"], strictSlashes: true, converters);
            matcher.Add(rule, rule);
        }

        matcher.Update();
        return matcher;
    }

    /// <summary>Describes an outcome the way <see cref="Expected"/> does: the rule, a redirect or 404.</summary>
    public static string Describe(MatchOutcome<Rule> outcome) =>
        outcome.Route is { } rule ? rule.Text : outcome.RedirectPath is not null ? "308" : outcome.AllowedMethods.Count > 0 ? "405" : "404";

    public override string ToString() => Name;

    /// <summary>A custom converter whose regex nests quantifiers: exponential for a backtracking engine on "aaaa…".</summary>
    internal sealed class NestedConverter : Converter
    {
        public override string Regex => "(?:a+)+b";
    }

    /// <summary>A custom converter with overlapping alternatives under a quantifier.</summary>
    internal sealed class ChoicesConverter : Converter
    {
        public override string Regex => "(?:a|aa|a-)*c";
    }
}

/// <summary>The table.</summary>
internal static class AdversarialRoutes
{
    // "/e0/e1/.../e999" (5,890 characters): every rule of its case finds its literal.
    private static readonly string EveryLiteral = string.Concat(Enumerable.Range(0, 1000).Select(i => $"/e{i}"));

    // "-0-1-...-999-" (3,891 characters): the same in one segment.
    private static readonly string EverySegmentLiteral = string.Concat(Enumerable.Range(0, 1000).Select(i => $"-{i}")) + "-";

    public static IReadOnlyList<AdversarialCase> All { get; } =
    [
        // The reported case: the path's literal tail ("/z") is missing, which the literal checks see at once.
        new("three path converters (the report)", ["/m/<path:a>/<path:b>/<path:c>/z"], n => "/m/" + Repeat("a/", n / 2) + "y", "404"),
        new("three path converters then int", ["/m/<path:a>/<path:b>/<path:c>/<int:z>"], n => "/m/" + Repeat("a/", n / 2) + "y", "404"),
        new("three path converters then int, one long segment", ["/m/<path:a>/<path:b>/<path:c>/<int:z>"], n => "/m/" + Repeat("a", n) + "/a/a/y", "404"),
        new("three path converters, empty segments", ["/m/<path:a>/<path:b>/<path:c>/z"], n => "/m/" + Repeat("a", n / 2) + "//" + Repeat("a", n / 2) + "/z", "404"),
        new("three path converters, match at the far end", ["/m/<path:a>/<path:b>/<path:c>/z"], n => "/m/" + Repeat("a/", n / 2) + "z", "/m/<path:a>/<path:b>/<path:c>/z"),
        new("doubled slashes (the merged retry)", ["/m/<path:a>/<path:b>/<path:c>/<int:z>"], n => "/m/" + Repeat("a//", n / 3) + "y", "404"),
        new("path, string and int mixed", ["/x/<path:a>/<b>/<path:c>/<int:d>", "/x/<path:a>/<b>-<c>/<int:d>"], n => "/x/" + Repeat("a/", n / 2) + "b", "404"),
        new("path then a static tail", ["/<path:p>/edit", "/<path:p>/edit/<int:id>"], n => "/" + Repeat("a/", n / 2) + "edit/x", "404"),
        new("five converters in one segment", ["/s/<a>-<b>-<c>-<d>-<int:e>"], n => "/s/" + Repeat("a-", n / 2) + "b", "404"),
        new("converters and dots in one segment", ["/s/<a>.<b>-<c>.<int:d>", "/s/<int:a>-<b>.<c>-<int:d>"], n => "/s/" + Repeat(".-", n / 2) + "1x", "404"),
        new("one segment with a string(length)", ["/s/<string(length=8):a>-<b>-<c>"], n => "/s/" + Repeat("a-", n / 2), "404"),
        new("any() with many items", ["/a/<any(" + Items(300) + "):x>-<b>-<int:c>"], n => "/a/" + Repeat("i1-", n / 3) + "x", "404"),
        new("any() then path", ["/a/<any(" + Items(300) + "):x>/<path:p>/<int:n>"], n => "/a/i299/" + Repeat("i1/", n / 3) + "x", "404"),
        new("custom converter with nested quantifiers", ["/c/<nested:x>", "/c/<nested:x>/<path:p>"], n => "/c/" + Repeat("a", n) + "xb", "404"),
        new("custom converter, overlapping alternatives, with path", ["/c/<path:p>/<choices:x>-<int:y>"], n => "/c/" + Repeat("a/", 4) + Repeat("a-", n / 2) + "c-1x", "404"),
        new("1,000 REST rules, long id", RestRules(1000), n => "/res99/" + Repeat("4", n) + "/comments/x", "404"),
        new("1,000 REST rules, long search", RestRules(1000), n => "/res99/search/" + Repeat("a/", n / 2) + "q", "/res99/search/<path:q>"),
        new("1,000 path rules at one state", PathRules(1000), n => "/x" + Repeat("/e0", n / 3) + "/y", "404"),
        new("1,000 path rules at one state, every literal present", PathRules(1000), n => "/x" + EveryLiteral + Repeat("/a", n / 2) + "/y", "404") { Fixed = EveryLiteral.Length },
        new("1,000 path rules at one state, every literal present, wrong method", PathRules(1000), n => "/x" + EveryLiteral + Repeat("/a", n / 2) + "/1", "405") { Fixed = EveryLiteral.Length, Method = "POST" },
        new("1,000 rules of converter pairs in one segment", Enumerable.Range(0, 1000).Select(i => $"/<a>-{i}-<b>/<int:c>").ToArray(), n => "/" + Repeat("a-", n / 2) + "0-a/x", "404"),
        new("1,000 rules of converter pairs in one segment, every literal present", Enumerable.Range(0, 1000).Select(i => $"/<a>-{i}-<b>/<int:c>").ToArray(), n => "/a" + EverySegmentLiteral + Repeat("a-", n / 2) + "a/x", "404") { Fixed = EverySegmentLiteral.Length },
    ];

    /// <summary>Rules of one shape at one state, differing only in a literal: <c>/&lt;path:a&gt;/eN/&lt;path:b&gt;/&lt;int:c&gt;</c>.</summary>
    public static string[] PathRules(int count) => Enumerable.Range(0, count).Select(i => $"/<path:a>/e{i}/<path:b>/<int:c>").ToArray();

    private static string Items(int count) => string.Join(", ", Enumerable.Range(0, count).Select(i => "i" + i));

    /// <summary>Ten rules per resource, as the route-table benchmark's site.</summary>
    public static string[] RestRules(int count) => Enumerable.Range(0, count / 10).SelectMany(r => new[]
    {
        $"/res{r}/", $"/res{r}/new", $"/res{r}/<int:id>", $"/res{r}/<int:id>/edit", $"/res{r}/<int:id>/comments",
        $"/res{r}/<int:id>/comments/<int:cid>", $"/res{r}/search/<path:q>", $"/res{r}/by-name/<name>", $"/res{r}/<int:id>/likes", $"/res{r}/feed",
    }).ToArray();

    private static string Repeat(string text, int count) => new StringBuilder(text.Length * count).Insert(0, text, count).ToString();
}
