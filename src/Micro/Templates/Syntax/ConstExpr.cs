namespace Micro.Templates.Syntax;

/// <summary>A literal: string, integer (long), float (double), true/false or none (null).</summary>
internal sealed record ConstExpr(SourcePos Pos, object? Value) : Expr(Pos);
