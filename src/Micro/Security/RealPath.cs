namespace Micro.Security;

/// <summary>
/// Resolves every symbolic link in a path, like POSIX <c>realpath(3)</c>, which .NET does not offer.
/// </summary>
internal static class RealPath
{
    // Linux gives up (ELOOP) after 40 links; so do we.
    private const int MaxLinks = 40;

    /// <summary>
    /// Returns <paramref name="fullPath"/> with each symbolic link replaced by its target, or null on a link
    /// loop. Components that do not exist are kept as written, since they cannot be links.
    /// </summary>
    public static string? Resolve(string fullPath)
    {
        string resolved = Path.GetPathRoot(fullPath)!;
        var pending = new Stack<string>(Components(fullPath[resolved.Length..]).Reverse());
        int links = 0;
        while (pending.Count > 0)
        {
            string name = pending.Pop();
            if (name == "..")
            {
                resolved = Path.GetDirectoryName(resolved) ?? resolved;
                continue;
            }

            string next = Path.Join(resolved, name);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            string? target = info.LinkTarget;
            if (target is null)
            {
                resolved = next;
                continue;
            }

            if (++links > MaxLinks)
            {
                return null;
            }

            // The target replaces the link: relative targets start from the link's folder.
            if (Path.IsPathRooted(target))
            {
                string targetRoot = Path.GetPathRoot(Path.GetFullPath(target))!;
                resolved = targetRoot;
                target = Path.GetFullPath(target)[targetRoot.Length..];
            }

            foreach (string component in Components(target).Reverse())
            {
                pending.Push(component);
            }
        }

        return resolved;
    }

    private static IEnumerable<string> Components(string path) =>
        path.Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries)
            .Where(component => component != ".");
}
