namespace Micro.Templates.Syntax;

/// <summary>A unary operation: <c>not</c>, <c>-</c> or <c>+</c>.</summary>
internal sealed record UnaryExpr(SourcePos Pos, string Op, Expr Operand) : Expr(Pos);
