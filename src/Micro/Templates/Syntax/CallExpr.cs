namespace Micro.Templates.Syntax;

/// <summary>A call: <c>f(a, b=1)</c>.</summary>
internal sealed record CallExpr(SourcePos Pos, Expr Callee, CallArgs Args) : Expr(Pos);
