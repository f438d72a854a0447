namespace Micro.Templates.Syntax;

/// <summary><c>{% import name as alias [with context] %}</c>.</summary>
internal sealed record ImportStmt(SourcePos Pos, Expr Template, string Alias, bool WithContext) : Stmt(Pos);
