namespace Micro.Templates.Syntax;

/// <summary><c>{% autoescape true|false %}...{% endautoescape %}</c>.</summary>
internal sealed record AutoescapeStmt(SourcePos Pos, Expr Enabled, IReadOnlyList<Stmt> Body) : Stmt(Pos);
