namespace Micro.Templates.Syntax;

/// <summary>A list literal: <c>[a, b]</c>.</summary>
internal sealed record ListExpr(SourcePos Pos, IReadOnlyList<Expr> Items) : Expr(Pos);
