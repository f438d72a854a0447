namespace Micro.Templates.Syntax;

/// <summary>A tuple literal or an unpacking target: <c>(a, b)</c>, <c>a, b</c>.</summary>
internal sealed record TupleExpr(SourcePos Pos, IReadOnlyList<Expr> Items) : Expr(Pos);
