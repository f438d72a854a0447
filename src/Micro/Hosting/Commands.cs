namespace Micro.Hosting;

/// <summary>The commands every Micro app answers instead of serving, like the <c>flask</c> command.</summary>
internal static class Commands
{
    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] is "routes";

    public static bool TryRun(MicroApp app, string[] args, TextWriter output)
    {
        if (args.Length == 0)
        {
            return false;
        }

        switch (args[0])
        {
            case "routes":
                RouteListing.Write(app.Table, output, args.Skip(1).ToArray());
                return true;
            default:
                return false;
        }
    }
}
