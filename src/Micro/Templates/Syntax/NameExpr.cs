namespace Micro.Templates.Syntax;

/// <summary>A variable reference: <c>user</c>.</summary>
internal sealed record NameExpr(SourcePos Pos, string Name) : Expr(Pos);
