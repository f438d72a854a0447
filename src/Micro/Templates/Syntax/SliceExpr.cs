namespace Micro.Templates.Syntax;

/// <summary>A slice inside a subscript: <c>[start:stop:step]</c>.</summary>
internal sealed record SliceExpr(SourcePos Pos, Expr? Start, Expr? Stop, Expr? Step) : Expr(Pos);
