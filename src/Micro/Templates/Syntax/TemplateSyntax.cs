namespace Micro.Templates.Syntax;

/// <summary>A parsed template: its name and top-level statements.</summary>
internal sealed record TemplateSyntax(string Name, IReadOnlyList<Stmt> Body);
