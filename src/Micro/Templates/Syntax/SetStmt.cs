namespace Micro.Templates.Syntax;

/// <summary><c>{% set target = value %}</c>; the target is a name, a tuple of names or <c>ns.attr</c>.</summary>
internal sealed record SetStmt(SourcePos Pos, Expr Target, Expr Value) : Stmt(Pos);
