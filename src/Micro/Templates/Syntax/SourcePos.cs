namespace Micro.Templates.Syntax;

/// <summary>A one-based line and column in a template's source.</summary>
internal readonly record struct SourcePos(int Line, int Column);
