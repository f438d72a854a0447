using Microsoft.Extensions.DependencyInjection;
using Micro.Testing;

namespace Micro.Tests.Hosting;

public sealed class CommandTests
{
    [Fact]
    public async Task A_custom_command_runs_instead_of_serving_with_services_and_its_arguments()
    {
        string? seen = null;
        var app = Support.TestApps.Create(args: ["init-db", "extra"]);
        app.Services.AddSingleton(new Greeting("initialized"));
        app.Command("init-db", (Greeting greeting, string[] rest) => { seen = $"{greeting.Text} {string.Join(",", rest)}"; });

        // Returns at once: a command does not start the server.
        await app.RunAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("initialized extra", seen);
    }

    [Fact]
    public async Task Help_lists_routes_render_and_the_apps_commands_as_flask_help_does()
    {
        var app = MicroApp.Create();
        app.Command("init-db", () => { }, help: "Clear the existing data and create new tables.");
        app.Command("seed", (TextWriter output) => output.WriteLine("seeded"));
        await using var client = app.TestClient();
        using var stream = new MemoryStream();
        Assert.Equal(0, Micro.Hosting.Commands.TryRun(app, ["--help"], stream, TextWriter.Null));
        Assert.Equal(
            """
            Usage: dotnet run -- [COMMAND] [ARGS]...

              Without a command, the app serves requests.

            Commands:
              init-db  Clear the existing data and create new tables.
              render   Render a template to standard output: render <template> [--data <file.json>] [--templates <folder>].
              routes   Show the routes for the app: routes [--sort endpoint|methods|rule].
              seed

            """.Replace("\r\n", "\n", StringComparison.Ordinal),
            System.Text.Encoding.UTF8.GetString(stream.ToArray()).Replace("\r\n", "\n", StringComparison.Ordinal));

        using var seeded = new MemoryStream();
        Assert.Equal(0, Micro.Hosting.Commands.TryRun(app, ["seed"], seeded, TextWriter.Null));
        Assert.Equal("seeded", System.Text.Encoding.UTF8.GetString(seeded.ToArray()).TrimEnd());
    }

    [Fact]
    public async Task A_failing_command_prints_its_error_and_exits_1_and_an_int_is_the_exit_code()
    {
        var app = MicroApp.Create();
        app.Command("fail", int () => throw new InvalidOperationException("no database"));
        app.Command("three", async () => { await Task.Yield(); return 3; });
        await using var client = app.TestClient();
        using var error = new StringWriter();
        Assert.Equal(1, Micro.Hosting.Commands.TryRun(app, ["fail"], Stream.Null, error));
        Assert.Equal("Error: no database", error.ToString().TrimEnd());
        Assert.Equal(3, Micro.Hosting.Commands.TryRun(app, ["three"], Stream.Null, TextWriter.Null));
    }

    [Fact]
    public void A_command_may_not_take_a_builtin_name()
    {
        var app = MicroApp.Create();
        Assert.Throws<ArgumentException>(() => app.Command("routes", () => { }));
    }

    public sealed record Greeting(string Text);
}
