using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Micro.Packaging.Tests;

/// <summary>
/// README's "Start your own site" commands, read from README.md and run as written (the same strings, in order, in
/// one shell) in a copy of the repository on a <see cref="FreshMachine"/>: nothing but the .NET SDK and the machine's
/// package sources, and nothing of the real user's state read or changed.
/// </summary>
public sealed partial class ReadmeSiteTests
{
    [Fact]
    public async Task The_readmes_commands_pack_install_make_a_site_that_restores_from_the_folder_tests_and_serves()
    {
        var commands = ReadmeCommands("Start your own site");
        // `dotnet run` serves until stopped: it is the last command, run below while the home page is requested.
        var serve = commands[^1];
        Assert.StartsWith("dotnet run", serve, StringComparison.Ordinal);
        Assert.DoesNotContain(commands[..^1], command => command.StartsWith("dotnet run", StringComparison.Ordinal));

        using var machine = new FreshMachine();
        var userConfigBefore = File.Exists(machine.UserNuGetConfig) ? File.ReadAllText(machine.UserNuGetConfig) : null;
        var siteFolderFile = Path.Combine(machine.Root, "site-folder");
        var output = Packages.Run(
            machine.Bash(machine.Clone, string.Join('\n', ["set -euo pipefail", .. commands[..^1], $"pwd > '{siteFolderFile}'"])),
            TimeSpan.FromMinutes(25));
        var site = File.ReadAllText(siteFolderFile).Trim();

        // One folder holds what a site needs, packed with one fresh version.
        var packages = Path.Combine(machine.Home, "micro-packages");
        var version = PackedVersion(packages);
        Assert.Matches(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.]+)?[-.]dev\.\d{14}$", version);
        Assert.StartsWith(MicroVersion() + (MicroVersion().Contains('-', StringComparison.Ordinal) ? ".dev." : "-dev."), version, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(packages, $"Micro.{version}.nupkg")));
        Assert.True(File.Exists(Path.Combine(packages, $"Micro.Testing.{version}.nupkg")));

        // The site names the folder in its own nuget.config and restored this pack's Micro from it by default.
        Assert.Equal(Path.Combine(machine.Home, "mysite"), site);
        var source = XDocument.Load(Path.Combine(site, "nuget.config")).Descendants("add").Single();
        Assert.Equal(packages, source.Attribute("value")!.Value);
        Assert.Contains($"\"Micro/{version}\"", File.ReadAllText(Path.Combine(site, "mysite", "obj", "project.assets.json")));
        Assert.Contains($"\"Micro.Testing/{version}\"", File.ReadAllText(Path.Combine(site, "mysite.Tests", "obj", "project.assets.json")));
        Assert.Contains("Passed!", output);

        // No user-wide state changed: the user's NuGet.Config is as it was, and the packages went to this
        // machine's cache, not the real one.
        Assert.Equal(userConfigBefore, File.Exists(machine.UserNuGetConfig) ? File.ReadAllText(machine.UserNuGetConfig) : null);
        Assert.True(Directory.Exists(Path.Combine(machine.PackageCache, "micro", version.ToLowerInvariant())));
        Assert.False(Directory.Exists(Path.Combine(FreshMachine.RealPackageCache, "micro", version.ToLowerInvariant())));

        // README's `dotnet run`, on a free port rather than 5000 (command-line configuration beats launchSettings.json).
        var port = Packages.FreePort();
        var (status, body) = await Packages.RunAndGet(machine.Bash(site, $"{serve} -- --urls=http://127.0.0.1:{port}"), $"http://127.0.0.1:{port}/");
        Assert.Equal(200, status);
        Assert.Contains("<title>Home - mysite</title>", body);
        Assert.Contains("<h1>Hello, World!</h1>", body);

        // Packing again (after pulling new commits, say) gives a new version, so no cache can serve the old build:
        // sites made earlier still find theirs in the folder, the template glob names only the new pack, and a
        // site made now references the new version.
        var pack = commands.Single(command => command.StartsWith("./build.sh pack", StringComparison.Ordinal));
        var install = commands.Single(command => command.StartsWith("dotnet new install", StringComparison.Ordinal));
        var create = commands.Single(command => command.StartsWith("dotnet new micro", StringComparison.Ordinal));
        await Task.Delay(TimeSpan.FromSeconds(1.1)); // the version has a resolution of one second
        Packages.Run(machine.Bash(machine.Clone, pack), TimeSpan.FromMinutes(15));
        var newVersion = PackedVersion(packages);
        Assert.True(string.CompareOrdinal(newVersion, version) > 0, $"{newVersion} should sort after {version}");
        Assert.True(File.Exists(Path.Combine(packages, $"Micro.{version}.nupkg")));
        Assert.True(File.Exists(Path.Combine(packages, $"Micro.{newVersion}.nupkg")));

        var second = Directory.CreateDirectory(Path.Combine(machine.Home, "later")).FullName;
        Packages.Run(machine.Bash(second, $"set -euo pipefail\n{install}\n{create}"), TimeSpan.FromMinutes(5));
        var project = XDocument.Load(Path.Combine(second, "mysite", "mysite", "mysite.csproj"));
        Assert.Equal(newVersion, project.Descendants("PackageReference").Single(r => r.Attribute("Include")?.Value == "Micro").Attribute("Version")!.Value);
    }

    /// <summary>The version of the only template pack in <paramref name="folder"/>: what `Micro.Templates.*.nupkg` names.</summary>
    private static string PackedVersion(string folder)
    {
        var template = Assert.Single(Directory.GetFiles(folder, "Micro.Templates.*.nupkg"));
        var name = Path.GetFileNameWithoutExtension(template);
        return name["Micro.Templates.".Length..];
    }

    private static string MicroVersion() =>
        XDocument.Load(Path.Combine(Packages.RepositoryRoot, "src", "Micro", "Micro.csproj")).Descendants("Version").Single().Value;

    /// <summary>The commands of the first `sh` block after the README paragraph that starts with <paramref name="paragraph"/>.</summary>
    private static string[] ReadmeCommands(string paragraph)
    {
        var readme = File.ReadAllText(Path.Combine(Packages.RepositoryRoot, "README.md"));
        var start = readme.IndexOf("\n" + paragraph, StringComparison.Ordinal);
        Assert.True(start >= 0, $"README.md has no paragraph starting with '{paragraph}'.");
        var block = ShBlock().Match(readme, start);
        Assert.True(block.Success, $"README.md has no sh block after '{paragraph}'.");
        // Each line without its trailing `# comment`, which the shell would drop too.
        return [.. block.Groups[1].Value.Split('\n')
            .Select(line => TrailingComment().Replace(line, "").Trim())
            .Where(line => line.Length > 0)];
    }

    [GeneratedRegex(@"```sh\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ShBlock();

    [GeneratedRegex(@"(^|\s+)#.*$")]
    private static partial Regex TrailingComment();
}
