using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Micro.Tests.Support;

namespace Micro.Tests.Platform;

/// <summary>A SignalR hub mapped on the WebApplication, reached by the real client over Kestrel, beside Micro's rules.</summary>
public class SignalRTests
{
    [Theory]
    [InlineData(HttpTransportType.WebSockets)]
    [InlineData(HttpTransportType.ServerSentEvents)]
    [InlineData(HttpTransportType.LongPolling)]
    public async Task A_hub_answers_beside_Micros_rules(HttpTransportType transport)
    {
        var app = TestApps.Create();
        app.Services.AddSignalR();
        app.Configure(pipeline => pipeline.UseWebSockets());
        app.Get("/", () => "micro home", endpoint: "index");
        app.Get("/hubs/<name>", (string name) => "micro " + name, endpoint: "hub_page");
        var web = app.Build();
        web.MapHub<EchoHub>("/hub");
        await using var server = await LoopbackServer.StartAsync(app);

        var connection = new HubConnectionBuilder()
            .WithUrl($"http://127.0.0.1:{server.Port}/hub", transport)
            .Build();
        await using (connection)
        {
            await connection.StartAsync();
            Assert.Equal("echo: hello", await connection.InvokeAsync<string>(nameof(EchoHub.Echo), "hello"));
            var pushed = new TaskCompletionSource<string>();
            connection.On<string>("Pushed", text => pushed.TrySetResult(text));
            await connection.InvokeAsync(nameof(EchoHub.Push), "to you");
            Assert.Equal("to you", await pushed.Task.WaitAsync(TimeSpan.FromSeconds(20)));
        }

        Assert.Equal("micro home", (await server.SendAsync("GET /")).Body);
        Assert.Equal("micro page", (await server.SendAsync("GET /hubs/page")).Body);
    }

    private sealed class EchoHub : Hub
    {
        public string Echo(string text) => "echo: " + text;

        public Task Push(string text) => Clients.Caller.SendAsync("Pushed", text);
    }
}
