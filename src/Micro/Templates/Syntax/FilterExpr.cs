namespace Micro.Templates.Syntax;

/// <summary>A filter application: <c>value|name(args)</c>; <see cref="Value"/> is null in filter blocks and set blocks.</summary>
internal sealed record FilterExpr(SourcePos Pos, Expr? Value, string Name, CallArgs Args) : Expr(Pos);
