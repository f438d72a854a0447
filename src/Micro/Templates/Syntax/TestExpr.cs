namespace Micro.Templates.Syntax;

/// <summary>A test: <c>value is [not] name(args)</c>.</summary>
internal sealed record TestExpr(SourcePos Pos, Expr Value, string Name, CallArgs Args, bool Negated) : Expr(Pos);
