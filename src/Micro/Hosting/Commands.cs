using System.Text;
using Micro.Templates;

namespace Micro.Hosting;

/// <summary>
/// The commands a Micro app answers instead of serving, like the <c>flask</c> command: <c>routes</c>, <c>render</c>,
/// the app's own (<see cref="MicroApp.Command"/>), and <c>--help</c>, which lists them.
/// </summary>
internal static class Commands
{
    /// <summary>The built-in commands and their help lines (Flask's words for <c>routes</c>).</summary>
    public static readonly IReadOnlyDictionary<string, string> BuiltIn = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["render"] = "Render a template to standard output: render <template> [--data <file.json>] [--templates <folder>].",
        ["routes"] = "Show the routes for the app: routes [--sort endpoint|methods|rule].",
    };

    public static bool IsCommand(MicroApp app, string[] args) =>
        args.Length > 0 && (args[0] is "--help" or "-h" || BuiltIn.ContainsKey(args[0]) || app.CustomCommands.ContainsKey(args[0]));

    /// <summary>Runs the command in <paramref name="args"/>; returns its exit code, or <see langword="null"/> when it is not a command.</summary>
    public static int? TryRun(MicroApp app, string[] args, Stream output, TextWriter error)
    {
        if (!IsCommand(app, args))
        {
            return null;
        }

        try
        {
            switch (args[0])
            {
                case "--help" or "-h":
                    using (var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true))
                    {
                        WriteHelp(app, writer);
                    }

                    return 0;
                case "routes":
                    using (var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true))
                    {
                        RouteListing.Write(app.Table, writer, args[1..]);
                    }

                    return 0;
                case "render":
                    return Render(app, args[1..], output);
                default:
                    return RunCustom(app, args, output, error);
            }
        }
        catch (Exception failure) when (failure is TemplateException or ArgumentException or IOException or System.Text.Json.JsonException)
        {
            error.WriteLine($"Error: {failure.Message}");
            return 1;
        }
    }

    // Click's layout, as `flask --help` prints it: usage, then the commands sorted by name with their help.
    private static void WriteHelp(MicroApp app, TextWriter writer)
    {
        var commands = BuiltIn.Select(pair => (Name: pair.Key, Help: (string?)pair.Value))
            .Concat(app.CustomCommands.Select(pair => (Name: pair.Key, pair.Value.Help)))
            .OrderBy(command => command.Name, StringComparer.Ordinal)
            .ToList();
        var width = commands.Max(command => command.Name.Length);
        writer.WriteLine("Usage: dotnet run -- [COMMAND] [ARGS]...");
        writer.WriteLine();
        writer.WriteLine("  Without a command, the app serves requests.");
        writer.WriteLine();
        writer.WriteLine("Commands:");
        foreach (var (name, help) in commands)
        {
            writer.WriteLine($"  {name.PadRight(width)}  {help}".TrimEnd());
        }
    }

    private static int RunCustom(MicroApp app, string[] args, Stream output, TextWriter error)
    {
        var (handler, _) = app.CustomCommands[args[0]];
        using var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true) { AutoFlush = true };
        using var scope = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.CreateScope(app.Table.Services);
        var parameters = handler.Method.GetParameters();
        var arguments = new object?[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            var type = parameters[i].ParameterType;
            arguments[i] = type == typeof(string[]) ? args[1..]
                : type == typeof(TextWriter) ? writer
                : Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService(scope.ServiceProvider, type);
        }

        object? result;
        try
        {
            result = handler.DynamicInvoke(arguments);
            if (result is Task task)
            {
                task.GetAwaiter().GetResult();
                result = task.GetType().IsGenericType ? task.GetType().GetProperty("Result")!.GetValue(task) : null;
            }
        }
        catch (System.Reflection.TargetInvocationException failure) when (failure.InnerException is { } inner)
        {
            error.WriteLine($"Error: {inner.Message}");
            return 1;
        }
        catch (Exception failure)
        {
            error.WriteLine($"Error: {failure.Message}");
            return 1;
        }

        return result as int? ?? 0;
    }

    // render <template> [--data file.json] [--templates folder]: the output, byte for byte, nothing added.
    private static int Render(MicroApp app, string[] args, Stream output)
    {
        string? name = null;
        string? data = null;
        string? folder = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--data" when i + 1 < args.Length:
                    data = args[++i];
                    break;
                case "--templates" when i + 1 < args.Length:
                    folder = args[++i];
                    break;
                case var value when !value.StartsWith("--", StringComparison.Ordinal) && name is null:
                    name = value;
                    break;
                default:
                    throw new ArgumentException($"Unexpected argument '{args[i]}'. Usage: render <template> [--data <file.json>] [--templates <folder>]");
            }
        }

        if (name is null)
        {
            throw new ArgumentException("Usage: render <template> [--data <file.json>] [--templates <folder>]");
        }

        var model = data is null ? null : Templates.Loading.JsonModel.Read(File.ReadAllText(data));
        TemplateEngine? own = null;
        try
        {
            var engine = app.Templates;
            if (folder is not null)
            {
                var options = new TemplateEngineOptions();
                options.Folders.Clear();
                options.Folders.Add(Path.GetFullPath(folder));
                own = engine = new TemplateEngine(options);
            }

            var text = engine.Render(name, model, TemplateGlobals.ForCommand(app), outputCache: false);
            var bytes = new UTF8Encoding(false).GetBytes(text);
            output.Write(bytes);
            output.Flush();
            return 0;
        }
        finally
        {
            own?.Dispose();
        }
    }
}
