namespace Micro.Templates.Syntax;

/// <summary>A subscript: <c>user['name']</c> (item first, then attribute) or a slice.</summary>
internal sealed record GetitemExpr(SourcePos Pos, Expr Target, Expr Key) : Expr(Pos);
