namespace Micro.Templates.Syntax;

/// <summary><c>{% macro name(params) %}...{% endmacro %}</c>.</summary>
internal sealed record MacroStmt(SourcePos Pos, string Name, IReadOnlyList<MacroParam> Params, IReadOnlyList<Stmt> Body) : Stmt(Pos);
