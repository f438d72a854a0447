using Micro.Templates.Compilation;

namespace Micro.Templates.Loading;

/// <summary>Finds template files by name in the configured folders; names never escape the folders.</summary>
internal sealed class TemplateLoader(IReadOnlyList<string> folders)
{
    private readonly string[] _folders = folders.Select(Path.GetFullPath).ToArray();

    /// <summary>The folders searched, as absolute paths.</summary>
    public IReadOnlyList<string> Folders => _folders;

    /// <summary>Loads <paramref name="name"/> or throws a <see cref="TemplateException"/> listing the folders searched.</summary>
    public TemplateSource Load(string name)
    {
        foreach (var folder in _folders)
        {
            var path = Resolve(folder, name);
            if (path is not null && File.Exists(path))
            {
                return new TemplateSource(name, File.ReadAllText(path), path, File.GetLastWriteTimeUtc(path));
            }
        }

        throw new TemplateException($"Template '{name}' not found. Searched: {string.Join(", ", _folders)}", null, 0, 0)
        {
            SearchedFolders = _folders,
        };
    }

    // Jinja's split_template_path: "/"-separated, no "..", no absolute paths.
    private static string? Resolve(string folder, string name)
    {
        var parts = name.Split('/');
        if (name.Length == 0 || name.Contains('\\', StringComparison.Ordinal) || parts.Any(p => p == ".." || p.Contains(':', StringComparison.Ordinal)))
        {
            return null;
        }

        var path = Path.GetFullPath(Path.Combine([folder, .. parts.Where(p => p.Length > 0 && p != ".")]));
        return path.StartsWith(folder.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? path : null;
    }

    /// <summary>Tells whether any of <paramref name="files"/> changed since it was read.</summary>
    public static bool IsStale(IEnumerable<(string Path, DateTime Stamp)> files) =>
        files.Any(f => !File.Exists(f.Path) || File.GetLastWriteTimeUtc(f.Path) != f.Stamp);
}
