using System.Text.Json;
using Micro.Security;

namespace Micro.Tests.Security;

public sealed class SafeJoinTests : IDisposable
{
    // Names Werkzeug refuses only on Windows, where they open devices; elsewhere they are ordinary files.
    private static readonly HashSet<string> DeviceNames =
        ["con", "CON.txt", "aux.js", "js/aux.js", "nul .txt", "com1", "com\u00b9", "lpt3.log", "conin$", "con\u0131n$", "conout$.x", "prn"];

    // Names Werkzeug accepts on POSIX that Micro refuses: a drive letter, and traversal once decoded.
    private static readonly HashSet<string> RefusedBeyondWerkzeug = ["C:secret.txt", "%2e%2e/secret.txt", "..%2fsecret.txt"];

    private readonly string _root;
    private readonly string _static;

    public SafeJoinTests()
    {
        _root = Directory.CreateTempSubdirectory("micro-safejoin-").FullName;
        _static = Directory.CreateDirectory(Path.Combine(_root, "static")).FullName;
        Directory.CreateDirectory(Path.Combine(_root, "outside"));
        File.WriteAllText(Path.Combine(_root, "outside", "secret.txt"), "secret");
        Directory.CreateDirectory(Path.Combine(_static, "css"));
        File.WriteAllText(Path.Combine(_static, "css", "site.css"), "body {}");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    public static TheoryData<string, string[], string?, string?> WerkzeugCases()
    {
        var data = new TheoryData<string, string[], string?, string?>();
        foreach (JsonElement c in Goldens.Load("safe_join.json").GetProperty("cases").EnumerateArray())
        {
            data.Add(
                c.GetProperty("directory").GetString()!,
                c.GetProperty("parts").EnumerateArray().Select(p => p.GetString()!).ToArray(),
                c.GetProperty("posix").GetString(),
                c.GetProperty("windows").GetString());
        }

        return data;
    }

    public static TheoryData<string, string?, string?> WerkzeugStaticCases()
    {
        var data = new TheoryData<string, string?, string?>();
        foreach (var row in WerkzeugCases())
        {
            var (directory, parts, posix, windows) = ((string)row[0], (string[])row[1], (string?)row[2], (string?)row[3]);
            if (directory == "static" && parts.Length == 1)
            {
                data.Add(parts[0], posix, windows);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(WerkzeugCases))]
    public void Join_matches_Werkzeug_on_POSIX(string directory, string[] parts, string? posix, string? windows)
    {
        _ = windows;
        Assert.Equal(posix, SafeJoin.Join(directory, parts, windows: false));
    }

    [Theory]
    [MemberData(nameof(WerkzeugCases))]
    public void Join_matches_Werkzeug_on_Windows(string directory, string[] parts, string? posix, string? windows)
    {
        _ = posix;
        Assert.Equal(windows, SafeJoin.Join(directory, parts, windows: true));
    }

    [Theory]
    [MemberData(nameof(WerkzeugStaticCases))]
    public void Resolve_refuses_what_Werkzeug_refuses_on_either_platform(string part, string? posix, string? windows)
    {
        string? resolved = SafeJoin.Resolve(_static, part);

        bool refusedByWerkzeug = posix is null || (windows is null && (OperatingSystem.IsWindows() || !DeviceNames.Contains(part)));
        if (refusedByWerkzeug || RefusedBeyondWerkzeug.Contains(part))
        {
            Assert.Null(resolved);
        }
        else
        {
            Assert.Equal(Path.GetFullPath(Path.Join(_static, posix!["static".Length..])), resolved);
        }
    }

    [Fact]
    public void Resolve_returns_the_full_path_of_a_file_inside()
    {
        Assert.Equal(Path.Combine(_static, "css", "site.css"), SafeJoin.Resolve(_static, "css/site.css"));
        Assert.Equal(Path.Combine(_static, "css", "site.css"), SafeJoin.Resolve(Path.Combine(_root, "static/"), "css/./x/../site.css"));
    }

    [Fact]
    public void Resolve_does_not_check_that_the_file_exists()
    {
        Assert.Equal(Path.Combine(_static, "missing.txt"), SafeJoin.Resolve(_static, "missing.txt"));
    }

    [Theory]
    [InlineData("%2e%2e/outside/secret.txt")]
    [InlineData("%2E%2E%2Foutside%2Fsecret.txt")]
    [InlineData("..%2foutside%2fsecret.txt")]
    [InlineData("%252e%252e%252foutside%252fsecret.txt")]
    [InlineData("%25252e%25252e/outside/secret.txt")]
    [InlineData("%5c..%5coutside%5csecret.txt")]
    [InlineData("%2fetc%2fpasswd")]
    [InlineData("css%2f..%2f..%2foutside/secret.txt")]
    [InlineData("a%00.txt")]
    public void Resolve_refuses_traversal_that_appears_after_decoding(string path)
    {
        Assert.Null(SafeJoin.Resolve(_static, path));
    }

    [Theory]
    [InlineData("100%.txt", "100%.txt")]
    [InlineData("a%20b.txt", "a%20b.txt")]
    [InlineData("%2e%2ehidden", "%2e%2ehidden")]
    public void Resolve_keeps_harmless_percent_signs_as_written(string path, string name)
    {
        Assert.Equal(Path.Combine(_static, name), SafeJoin.Resolve(_static, path));
    }

    [Theory]
    [InlineData("..\\outside\\secret.txt")]
    [InlineData("css\\site.css")]
    [InlineData("C:secret.txt")]
    [InlineData("c:/windows/win.ini")]
    [InlineData("css/C:x")]
    [InlineData("a\0.txt")]
    [InlineData("/etc/passwd")]
    [InlineData("css/../../outside/secret.txt")]
    public void Resolve_refuses_backslashes_drive_letters_nul_and_absolute_paths_on_every_platform(string path)
    {
        Assert.Null(SafeJoin.Resolve(_static, path));
    }

    [Fact]
    public void Resolve_treats_device_names_as_Werkzeug_does_on_this_platform()
    {
        string? resolved = SafeJoin.Resolve(_static, "js/aux.js");

        if (OperatingSystem.IsWindows())
        {
            Assert.Null(resolved);
        }
        else
        {
            Assert.Equal(Path.Combine(_static, "js", "aux.js"), resolved);
        }
    }

    [Fact]
    public void Resolve_refuses_a_file_link_that_points_outside()
    {
        File.CreateSymbolicLink(Path.Combine(_static, "leak.txt"), Path.Combine("..", "outside", "secret.txt"));
        File.CreateSymbolicLink(Path.Combine(_static, "abs.txt"), Path.Combine(_root, "outside", "secret.txt"));

        Assert.Null(SafeJoin.Resolve(_static, "leak.txt"));
        Assert.Null(SafeJoin.Resolve(_static, "abs.txt"));
    }

    [Fact]
    public void Resolve_refuses_files_under_a_directory_link_that_points_outside()
    {
        Directory.CreateSymbolicLink(Path.Combine(_static, "out"), Path.Combine(_root, "outside"));

        Assert.Null(SafeJoin.Resolve(_static, "out/secret.txt"));
        Assert.Null(SafeJoin.Resolve(_static, "out"));
        Assert.Null(SafeJoin.Resolve(_static, "out/missing.txt"));
    }

    [Fact]
    public void Resolve_refuses_a_chain_of_links_that_ends_outside()
    {
        Directory.CreateSymbolicLink(Path.Combine(_static, "hop"), "css");
        File.CreateSymbolicLink(Path.Combine(_static, "css", "up"), Path.Combine("..", "..", "outside"));

        Assert.Null(SafeJoin.Resolve(_static, "hop/up/secret.txt"));
    }

    [Fact]
    public void Resolve_allows_links_that_stay_inside()
    {
        File.CreateSymbolicLink(Path.Combine(_static, "alias.css"), Path.Combine("css", "site.css"));
        Directory.CreateSymbolicLink(Path.Combine(_static, "styles"), Path.Combine(_static, "css"));

        Assert.Equal(Path.Combine(_static, "alias.css"), SafeJoin.Resolve(_static, "alias.css"));
        Assert.Equal(Path.Combine(_static, "styles", "site.css"), SafeJoin.Resolve(_static, "styles/site.css"));
    }

    [Fact]
    public void Resolve_allows_a_directory_that_is_itself_a_link()
    {
        string linked = Path.Combine(_root, "public");
        Directory.CreateSymbolicLink(linked, _static);

        Assert.Equal(Path.Combine(linked, "css", "site.css"), SafeJoin.Resolve(linked, "css/site.css"));
    }

    [Fact]
    public void Resolve_refuses_a_link_loop()
    {
        File.CreateSymbolicLink(Path.Combine(_static, "a"), "b");
        File.CreateSymbolicLink(Path.Combine(_static, "b"), "a");

        Assert.Null(SafeJoin.Resolve(_static, "a"));
    }
}
