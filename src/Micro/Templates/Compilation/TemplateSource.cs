namespace Micro.Templates.Compilation;

/// <summary>A template's text as loaded, with the file it came from and that file's timestamp.</summary>
internal sealed record TemplateSource(string Name, string Text, string? Path, DateTime Stamp);
