namespace Micro.Security;

/// <summary>
/// Joins untrusted URL paths to a trusted directory without escaping it: Werkzeug's <c>safe_join</c>,
/// and the stricter <see cref="Resolve"/> behind <c>send_from_directory</c>.
/// </summary>
internal static class SafeJoin
{
    // https://chrisdenton.github.io/omnipath/Special%20Dos%20Device%20Names.html, as Werkzeug 3.1.8 lists them.
    private static readonly HashSet<string> WindowsDeviceNames = new(StringComparer.Ordinal)
    {
        "AUX", "CON", "CONIN$", "CONOUT$", "NUL", "PRN",
        "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "COM\u00b9", "COM\u00b2", "COM\u00b3",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9", "LPT\u00b9", "LPT\u00b2", "LPT\u00b3",
    };

    // What Python's str.strip() removes: .NET's white space plus the separators U+001C to U+001F.
    private static readonly char[] PythonWhitespace =
    [
        '\t', '\n', '\v', '\f', '\r', '\u001c', '\u001d', '\u001e', '\u001f', ' ', '\u0085', '\u00a0', '\u1680',
        '\u2000', '\u2001', '\u2002', '\u2003', '\u2004', '\u2005', '\u2006', '\u2007', '\u2008', '\u2009', '\u200a',
        '\u2028', '\u2029', '\u202f', '\u205f', '\u3000',
    ];

    /// <summary>
    /// Joins like <c>werkzeug.security.safe_join</c>: each part is normalised (<c>posixpath.normpath</c>)
    /// and refused if absolute or climbing out with <c>..</c>; on Windows also if it holds a backslash,
    /// a drive root or a device name (<c>CON</c>, <c>aux.js</c>).
    /// </summary>
    /// <returns>The joined path with <c>/</c> separators, or null if a part is unsafe.</returns>
    public static string? Join(string directory, ReadOnlySpan<string> untrusted, bool windows)
    {
        // Werkzeug: with directory "" the first part must not become the trusted base.
        string joined = directory.Length == 0 ? "." : directory;
        foreach (string raw in untrusted)
        {
            if (raw.Length == 0)
            {
                continue;
            }

            string part = NormalizePosix(raw);
            if (part[0] == '/' || part == ".." || part.StartsWith("../", StringComparison.Ordinal)
                || (windows && (IsNtAbsolute(part) || part.Contains('\\', StringComparison.Ordinal) || HasDeviceName(part))))
            {
                return null;
            }

            joined = joined.EndsWith('/') ? joined + part : joined + "/" + part;
        }

        return joined;
    }

    /// <summary>
    /// Returns the full path of <paramref name="path"/> (a URL path, already percent-decoded once) inside
    /// <paramref name="directory"/>, or null if it could reach outside. Refuses everything
    /// <see cref="Join"/> refuses on either platform (except device names, only on Windows), and beyond
    /// Werkzeug: drive letters, NUL, traversal that appears after further percent-decoding, and symbolic
    /// links that resolve outside the directory. Does not check that the file exists.
    /// </summary>
    /// <remarks>
    /// The symbolic link check races with changes to the file system; it guards against links placed in a
    /// static folder, not against an attacker who can create files there.
    /// </remarks>
    public static string? Resolve(string directory, string path)
    {
        if (!IsSafeAfterDecoding(path))
        {
            return null;
        }

        string? relative = Join("", [path], OperatingSystem.IsWindows());
        if (relative is null)
        {
            return null;
        }

        try
        {
            string root = Path.GetFullPath(directory);
            string candidate = Path.GetFullPath(Path.Join(root, relative));
            if (!IsInside(candidate, root))
            {
                return null;
            }

            string? realRoot = RealPath.Resolve(root);
            string? realCandidate = RealPath.Resolve(candidate);
            return realRoot is not null && realCandidate is not null && IsInside(realCandidate, realRoot) ? candidate : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    // Some proxies, frameworks and file APIs decode again: "%2e%2e" must not become ".." anywhere later.
    private static bool IsSafeAfterDecoding(string path)
    {
        const int maxDecodes = 4;
        string current = path;
        for (int i = 0; i <= maxDecodes; i++)
        {
            if (!IsSafeOnAnyPlatform(current))
            {
                return false;
            }

            string decoded = Uri.UnescapeDataString(current);
            if (decoded == current)
            {
                return true;
            }

            current = decoded;
        }

        // Still changing after several rounds: nobody names a file like that.
        return false;
    }

    private static bool IsSafeOnAnyPlatform(string path)
    {
        if (path.Contains('\0', StringComparison.Ordinal) || path.Contains('\\', StringComparison.Ordinal))
        {
            return false;
        }

        foreach (string segment in path.Split('/'))
        {
            // "C:x" is relative to drive C's current directory on Windows; a colon elsewhere names an NTFS stream.
            bool driveLetter = segment.Length >= 2 && segment[1] == ':' && char.IsAsciiLetter(segment[0]);
            if (driveLetter || (OperatingSystem.IsWindows() && segment.Contains(':', StringComparison.Ordinal)))
            {
                return false;
            }
        }

        return Join("", [path], windows: false) is not null;
    }

    private static bool IsInside(string path, string root)
    {
        // Windows and macOS volumes are case-insensitive by default.
        var comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS()
            ? StringComparison.OrdinalIgnoreCase
            : StringComparison.Ordinal;
        string trimmed = Path.TrimEndingDirectorySeparator(root);
        return path.Equals(trimmed, comparison)
            || path.StartsWith(trimmed + Path.DirectorySeparatorChar, comparison)
            || (trimmed != root && path.StartsWith(root, comparison));
    }

    // ntpath.isabs as in Python 3.11: a leading separator or a drive followed by one.
    private static bool IsNtAbsolute(string part)
    {
        string head = part.Length > 3 ? part[..3] : part;
        head = head.Replace('/', '\\');
        return head.StartsWith('\\') || (head.Length >= 3 && head[1] == ':' && head[2] == '\\');
    }

    private static bool HasDeviceName(string part)
    {
        foreach (string segment in part.Split('/'))
        {
            int dot = segment.IndexOf('.', StringComparison.Ordinal);
            // Python's str.upper() also maps the dotless i to 'I', which .NET's invariant culture does not.
            string stem = (dot < 0 ? segment : segment[..dot]).Trim(PythonWhitespace).Replace('\u0131', 'i').ToUpperInvariant();
            if (WindowsDeviceNames.Contains(stem))
            {
                return true;
            }
        }

        return false;
    }

    // posixpath.normpath.
    private static string NormalizePosix(string path)
    {
        int initialSlashes = path.StartsWith('/') ? (path.StartsWith("//", StringComparison.Ordinal) && !path.StartsWith("///", StringComparison.Ordinal) ? 2 : 1) : 0;
        var components = new List<string>();
        foreach (string component in path.Split('/'))
        {
            if (component is "" or ".")
            {
                continue;
            }

            if (component != ".." || (initialSlashes == 0 && components.Count == 0) || (components.Count > 0 && components[^1] == ".."))
            {
                components.Add(component);
            }
            else if (components.Count > 0)
            {
                components.RemoveAt(components.Count - 1);
            }
        }

        string normalized = new string('/', initialSlashes) + string.Join('/', components);
        return normalized.Length == 0 ? "." : normalized;
    }
}
