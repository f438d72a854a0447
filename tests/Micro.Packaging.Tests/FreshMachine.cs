using System.Diagnostics;

namespace Micro.Packaging.Tests;

/// <summary>
/// A new user's machine inside a temporary folder: a copy of the repository as a clone has it (no build output), and a
/// HOME of its own — so `~`, the `dotnet new` template hive and the user-wide NuGet.Config are the test's — with a
/// NuGet global packages folder of its own. Commands run here never read or change the real user's state; only the
/// package sources of the real user-wide NuGet.Config are copied in, so restores reach the same feeds.
/// </summary>
public sealed class FreshMachine : IDisposable
{
    // What a clone does not have: build output and local tool state (as .gitignore lists them); .git is left out too.
    private static readonly HashSet<string> NotInAClone =
        ["bin", "obj", "TestResults", "artifacts", "BenchmarkDotNet.Artifacts", ".vs", ".idea", "__pycache__", ".git"];

    public FreshMachine()
    {
        Root = Directory.CreateTempSubdirectory("micro-fresh-machine-").FullName;
        Clone = Path.Combine(Root, "micro");
        Home = Directory.CreateDirectory(Path.Combine(Root, "home")).FullName;
        PackageCache = Path.Combine(Root, "nuget-packages");
        CopySources(new DirectoryInfo(Packages.RepositoryRoot), Clone);

        var realConfig = Path.Combine(RealHome, ".nuget", "NuGet", "NuGet.Config");
        if (File.Exists(realConfig))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(UserNuGetConfig)!);
            File.Copy(realConfig, UserNuGetConfig);
        }
    }

    /// <summary>The real user's home folder, outside the fresh machine.</summary>
    public static string RealHome { get; } = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    /// <summary>The real user's NuGet global packages folder, outside the fresh machine.</summary>
    public static string RealPackageCache { get; } =
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(RealHome, ".nuget", "packages");

    public string Root { get; }

    /// <summary>The copy of the repository: the working tree without build output.</summary>
    public string Clone { get; }

    /// <summary>HOME (and DOTNET_CLI_HOME) of every command run here.</summary>
    public string Home { get; }

    /// <summary>NUGET_PACKAGES of every command run here.</summary>
    public string PackageCache { get; }

    /// <summary>The user-wide NuGet.Config of this machine (a copy of the real one, when there is one).</summary>
    public string UserNuGetConfig => Path.Combine(Home, ".nuget", "NuGet", "NuGet.Config");

    /// <summary>A bash process running <paramref name="script"/> in <paramref name="folder"/> with this machine's environment.</summary>
    public ProcessStartInfo Bash(string folder, string script)
    {
        var info = Packages.StartInfo(folder, "bash", ["-c", script]);
        info.Environment["HOME"] = Home;
        info.Environment["DOTNET_CLI_HOME"] = Home;
        info.Environment["NUGET_PACKAGES"] = PackageCache;
        return info;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A process that was killed may still be releasing a file; the temporary folder is the OS's to clean.
        }
    }

    private static void CopySources(DirectoryInfo from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in from.EnumerateFiles().Where(file => !NotInAClone.Contains(file.Name)))
        {
            // File.Copy keeps the Unix mode, so ./build.sh stays executable as in a clone.
            file.CopyTo(Path.Combine(to, file.Name));
        }

        foreach (var folder in from.EnumerateDirectories())
        {
            if (!NotInAClone.Contains(folder.Name) && !folder.Attributes.HasFlag(FileAttributes.ReparsePoint))
            {
                CopySources(folder, Path.Combine(to, folder.Name));
            }
        }
    }
}
