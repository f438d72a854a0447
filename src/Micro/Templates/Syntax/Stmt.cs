namespace Micro.Templates.Syntax;

/// <summary>A Jinja statement: template data, an output or a tag.</summary>
internal abstract record Stmt(SourcePos Pos) : Node(Pos);
