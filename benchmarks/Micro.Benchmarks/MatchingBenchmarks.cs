using BenchmarkDotNet.Attributes;
using Micro.Routing;
using Micro.Tests.Routing.Matching;

namespace Micro.Benchmarks;

/// <summary>
/// Matching time on the adversarial rule sets of the bound's tests (tests/Micro.Tests/Routing/Matching/AdversarialRoutes.cs,
/// compiled in here), each against a path that makes an 8 KB request line (<c>GET &lt;path&gt; HTTP/1.1</c>):
/// the design brief's target is 10 ms or less on any rules.
/// </summary>
[Config(typeof(ShortConfig))]
public class MatchingBenchmarks
{
    private StateMachineMatcher<Micro.Routing.Rule> _matcher = null!;
    private string _path = "";
    private string _method = "GET";

    /// <summary>The case of the table.</summary>
    [ParamsSource(nameof(Names))]
    public string Case { get; set; } = "";

    public static IEnumerable<string> Names => AdversarialRoutes.All.Select(item => item.Name);

    [GlobalSetup]
    public void Setup()
    {
        var item = AdversarialRoutes.All.Single(c => c.Name == Case);
        _matcher = item.Build();

        // "GET " + path + " HTTP/1.1" is 8,192 characters at most: the largest path of the family that fits.
        var budget = 8192 - "GET  HTTP/1.1".Length;
        var length = budget - item.Fixed;
        while (item.Path(length).Length > budget)
        {
            length--;
        }

        _path = item.Path(length);
        _method = item.Method;
        var outcome = AdversarialCase.Describe(_matcher.Match(_path, _method));
        if (outcome != item.Expected)
        {
            throw new InvalidOperationException($"{Case}: expected {item.Expected}, got {outcome}");
        }
    }

    [Benchmark(Description = "match an 8 KB request line")]
    public object Match() => _matcher.Match(_path, _method);
}
