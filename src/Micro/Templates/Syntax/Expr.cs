namespace Micro.Templates.Syntax;

/// <summary>A Jinja expression.</summary>
internal abstract record Expr(SourcePos Pos) : Node(Pos);
