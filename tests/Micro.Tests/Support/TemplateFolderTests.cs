using Micro.Templates;

namespace Micro.Tests.Support;

/// <summary>A base for template tests: a temporary templates folder, deleted afterwards, and engines reading it.</summary>
public abstract class TemplateFolderTests : IDisposable
{
    /// <summary>The templates folder.</summary>
    protected string Folder { get; } = Directory.CreateTempSubdirectory("micro-tpl-").FullName;

    /// <inheritdoc/>
    public void Dispose()
    {
        Directory.Delete(Folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>An engine over <see cref="Folder"/> alone.</summary>
    protected TemplateEngine Engine(Action<TemplateEngineOptions>? configure = null)
    {
        var o = new TemplateEngineOptions();
        o.Folders.Clear();
        o.Folders.Add(Folder);
        configure?.Invoke(o);
        return new TemplateEngine(o);
    }

    /// <summary>Writes a template into <see cref="Folder"/>.</summary>
    protected void Write(string name, string text) => File.WriteAllText(Path.Combine(Folder, name), text);
}
