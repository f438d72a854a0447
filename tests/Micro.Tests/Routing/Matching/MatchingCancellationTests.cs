using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Micro.Routing;

namespace Micro.Tests.Routing.Matching;

/// <summary>Matching stops once the request is aborted: the matcher looks at the token every few thousand steps.</summary>
public class MatchingCancellationTests
{
    private const string Rule = "/m/<path:a>/<path:b>/<path:c>/<int:z>";

    private static readonly string LongPath = "/m/" + string.Concat(Enumerable.Repeat("a/", 4000)) + "y";

    [Fact]
    public void A_match_gives_up_once_the_token_is_cancelled()
    {
        var matcher = AdversarialRoutes.All.Single(c => c.Name == "three path converters then int").Build();
        var outcome = matcher.Match(LongPath, "GET", new CancellationToken(canceled: true), out var steps);
        Assert.True(outcome.IsAborted);
        Assert.True(steps <= 2 * Micro.Routing.Matching.MatchMeter.CheckEvery, $"{steps} steps before giving up");
    }

    [Fact]
    public void A_short_match_never_looks_at_the_token()
    {
        var matcher = AdversarialRoutes.All.Single(c => c.Name == "three path converters then int").Build();
        var outcome = matcher.Match("/m/a/b/c/1", "GET", new CancellationToken(canceled: true));
        Assert.False(outcome.IsAborted);
        Assert.Equal(Rule, outcome.Route?.Text);
    }

    [Fact]
    public async Task An_aborted_request_ends_without_running_a_handler()
    {
        var ran = new List<string>();
        var app = MicroApp.Create();
        app.Get(Rule, () => { ran.Add("deep"); return "deep"; });
        app.Get("/m/<path:rest>", () => { ran.Add("rest"); return "rest"; });
        app.Builder.WebHost.UseTestServer();
        await using var web = app.Build();
        await web.StartAsync();
        var server = web.GetTestServer();
        using var aborted = new CancellationTokenSource();
        await aborted.CancelAsync();

        var context = await server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = LongPath;
            c.RequestAborted = aborted.Token;
        });
        Assert.Empty(ran);
        using var reader = new StreamReader(context.Response.Body);
        Assert.Equal("", await reader.ReadToEndAsync());

        // The same request, not aborted, reaches the catch-all rule.
        var answered = await server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = LongPath;
        });
        Assert.Equal(["rest"], ran);
        Assert.Equal(200, answered.Response.StatusCode);
    }
}
