using System.Diagnostics;

namespace Micro.Packaging.Tests;

/// <summary>
/// `./build.sh test` on machines set up in every way that matters, imitated with a PATH of stub commands (dotnet,
/// apt-get, sudo, id) that record how they were called: the script installs what is missing when it can, says the exact
/// command when it cannot, and then runs `dotnet test Micro.sln` with the arguments it was given.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // bash and apt-get: the script is for Debian and Ubuntu
public sealed class BuildScriptTests : IDisposable
{
    private const string AllPackages = "chromium chromium-driver redis-server";

    private readonly string _folder = Directory.CreateTempSubdirectory("micro-build-script-").FullName;

    private string Bin => Path.Combine(_folder, "bin");

    private string Log => Path.Combine(_folder, "calls.log");

    public BuildScriptTests()
    {
        Directory.CreateDirectory(Bin);
        // Each stub appends "name args" to the log. apt-get "installs" a package by creating the command it provides.
        Stub("dotnet", "");
        Stub("id", """[ "$1" = -u ] && echo "${STUB_UID:-1000}" """);
        Stub("sudo", """[ "$1" = -n ] && exit "${STUB_SUDO_EXIT:-1}"; exec "$@" """);
        Stub("apt-get", $$"""
            [ "$1" = install ] || exit 0
            for package in "$@"; do
              case $package in
                chromium) tool=chromium ;; chromium-driver) tool=chromedriver ;; redis-server) tool=redis-server ;; *) continue ;;
              esac
              [ "${STUB_INSTALL_BROKEN:-}" = 1 ] && continue
              printf '#!/bin/bash\n' > '{{Bin}}'/$tool && /bin/chmod +x '{{Bin}}'/$tool
            done
            """);
        File.CreateSymbolicLink(Path.Combine(Bin, "env"), "/usr/bin/env");
    }

    [Fact]
    public void With_everything_installed_it_runs_dotnet_test_with_the_arguments_given()
    {
        Tools("chromium", "chromedriver", "redis-server");
        var (exit, output) = BuildSh("test", "--filter", "FullyQualifiedName~Routing & Name!=x", "--logger", "trx");
        Assert.True(exit == 0, output);
        Assert.Equal(["dotnet test Micro.sln --filter FullyQualifiedName~Routing & Name!=x --logger trx"], Calls());
        Assert.Equal(["test", "Micro.sln", "--filter", "FullyQualifiedName~Routing & Name!=x", "--logger", "trx"], DotnetArguments());
    }

    [Fact]
    public void As_root_it_installs_only_what_is_missing_with_apt_get_then_tests()
    {
        Tools("chromium");
        var (exit, output) = BuildShWith(new() { ["STUB_UID"] = "0" }, "test");
        Assert.True(exit == 0, output);
        Assert.Equal(
            [
                "apt-get update -qq",
                "apt-get install -y -qq chromium-driver redis-server",
                "dotnet test Micro.sln",
            ],
            Calls().Where(call => !call.StartsWith("id ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Without_root_but_with_passwordless_sudo_it_installs_through_sudo()
    {
        var (exit, output) = BuildShWith(new() { ["STUB_SUDO_EXIT"] = "0" }, "test");
        Assert.True(exit == 0, output);
        Assert.Contains("sudo -n true", Calls());
        Assert.Contains("sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq", Calls());
        Assert.Contains($"sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq {AllPackages}", Calls());
        Assert.Equal("dotnet test Micro.sln", Calls()[^1]);
    }

    [Fact]
    public void Without_root_or_sudo_it_stops_with_the_exact_command_to_run_and_tests_nothing()
    {
        Tools("chromium", "chromedriver");
        var (exit, output) = BuildSh("test");
        Assert.NotEqual(0, exit);
        Assert.Contains("  sudo apt-get update && sudo apt-get install -y redis-server\n", output);
        Assert.DoesNotContain(Calls(), call => call.StartsWith("apt-get", StringComparison.Ordinal) || call.StartsWith("dotnet", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_apt_get_it_names_the_packages_and_tests_nothing()
    {
        File.Delete(Path.Combine(Bin, "apt-get"));
        var (exit, output) = BuildShWith(new() { ["STUB_UID"] = "0" }, "test");
        Assert.NotEqual(0, exit);
        Assert.Contains($"no apt-get: {AllPackages}", output);
        Assert.DoesNotContain(Calls(), call => call.StartsWith("dotnet", StringComparison.Ordinal));
    }

    [Fact]
    public void When_an_installed_package_still_leaves_a_command_missing_it_says_which_and_tests_nothing()
    {
        var (exit, output) = BuildShWith(new() { ["STUB_UID"] = "0", ["STUB_INSTALL_BROKEN"] = "1" }, "test");
        Assert.NotEqual(0, exit);
        Assert.Contains("still not on PATH", output);
        Assert.Contains("  chromedriver\n", output);
        Assert.DoesNotContain(Calls(), call => call.StartsWith("dotnet", StringComparison.Ordinal));
    }

    [Fact]
    public void The_ci_script_runs_the_same_command()
    {
        var commands = File.ReadAllLines(Path.Combine(Packages.RepositoryRoot, ".ci", "run"))
            .Where(line => !line.TrimStart().StartsWith('#')).ToList();
        Assert.Contains(commands, line => line.StartsWith("./build.sh test --logger trx", StringComparison.Ordinal));
        Assert.DoesNotContain(commands, line => line.Contains("dotnet test", StringComparison.Ordinal) || line.Contains("apt-get", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private void Stub(string name, string body)
    {
        var path = Path.Combine(Bin, name);
        File.WriteAllText(path, $"#!/bin/bash\necho \"{name} $*\" >> '{Log}'\n{body}\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private void Tools(params string[] names)
    {
        foreach (var name in names)
        {
            Stub(name, "");
        }
    }

    private string[] Calls() => File.Exists(Log) ? File.ReadAllLines(Log) : [];

    private string[] DotnetArguments()
    {
        // The stub log joins arguments with spaces; check the exact argument vector once more with a stub that
        // prints one argument per line.
        var path = Path.Combine(Bin, "dotnet");
        var vector = Path.Combine(_folder, "dotnet.args");
        File.WriteAllText(path, $"#!/bin/bash\nprintf '%s\\n' \"$@\" > '{vector}'\n");
        BuildSh("test", "--filter", "FullyQualifiedName~Routing & Name!=x", "--logger", "trx");
        return File.ReadAllLines(vector);
    }

    private (int Exit, string Output) BuildSh(params string[] args) => BuildShWith([], args);

    private (int Exit, string Output) BuildShWith(Dictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo("/bin/bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _folder,
        };
        info.ArgumentList.Add(Path.Combine(Packages.RepositoryRoot, "build.sh"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // Only the stubs: whatever the real machine has installed must not show through.
        info.Environment["PATH"] = Bin;
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), "build.sh did not finish");
        return (process.ExitCode, output.Result + errors.Result);
    }
}
