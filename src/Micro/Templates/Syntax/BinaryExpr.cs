namespace Micro.Templates.Syntax;

/// <summary>A binary operation; <see cref="Op"/> is the Jinja operator (<c>+</c>, <c>//</c>, <c>and</c>, <c>not in</c>, <c>==</c>, ...).</summary>
internal sealed record BinaryExpr(SourcePos Pos, string Op, Expr Left, Expr Right) : Expr(Pos);
