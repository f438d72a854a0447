namespace Micro.Templates.Syntax;

/// <summary>An expression tag: <c>{{ expr }}</c>.</summary>
internal sealed record OutputStmt(SourcePos Pos, Expr Value) : Stmt(Pos);
