using System.Text;
using Micro.Templates;

namespace Micro.Hosting;

/// <summary>The commands every Micro app answers instead of serving, like the <c>flask</c> command.</summary>
internal static class Commands
{
    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] is "routes" or "render";

    /// <summary>Runs the command in <paramref name="args"/>; returns its exit code, or <see langword="null"/> when it is not a command.</summary>
    public static int? TryRun(MicroApp app, string[] args, Stream output, TextWriter error)
    {
        if (!IsCommand(args))
        {
            return null;
        }

        try
        {
            switch (args[0])
            {
                case "routes":
                    using (var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true))
                    {
                        RouteListing.Write(app.Table, writer, args[1..]);
                    }

                    return 0;
                default:
                    return Render(app, args[1..], output);
            }
        }
        catch (Exception failure) when (failure is TemplateException or ArgumentException or IOException or System.Text.Json.JsonException)
        {
            error.WriteLine($"Error: {failure.Message}");
            return 1;
        }
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
