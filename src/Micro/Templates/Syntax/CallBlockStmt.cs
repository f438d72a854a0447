namespace Micro.Templates.Syntax;

/// <summary><c>{% call(params) macro(args) %}...{% endcall %}</c>: the body becomes <c>caller()</c>.</summary>
internal sealed record CallBlockStmt(SourcePos Pos, CallExpr Call, IReadOnlyList<MacroParam> Params, IReadOnlyList<Stmt> Body) : Stmt(Pos);
