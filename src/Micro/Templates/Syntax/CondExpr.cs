namespace Micro.Templates.Syntax;

/// <summary>An inline if: <c>then if test else otherwise</c>; a missing else yields undefined.</summary>
internal sealed record CondExpr(SourcePos Pos, Expr Test, Expr Then, Expr? Else) : Expr(Pos);
