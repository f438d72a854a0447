namespace Micro.Templates.Syntax;

/// <summary><c>{% with a = 1, b = 2 %}...{% endwith %}</c>: a new scope.</summary>
internal sealed record WithStmt(SourcePos Pos, IReadOnlyList<KeyValuePair<Expr, Expr>> Assignments, IReadOnlyList<Stmt> Body) : Stmt(Pos);
