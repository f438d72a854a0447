namespace Micro.Templates.Syntax;

/// <summary>A macro-like function unit of the current program as a value (the body of <c>{% call %}</c>, passed as <c>caller</c>).</summary>
internal sealed record MacroRefExpr(SourcePos Pos, int Index) : Expr(Pos);
