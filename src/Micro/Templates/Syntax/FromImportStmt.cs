namespace Micro.Templates.Syntax;

/// <summary><c>{% from name import a, b as c [with context] %}</c>.</summary>
internal sealed record FromImportStmt(SourcePos Pos, Expr Template, IReadOnlyList<KeyValuePair<string, string>> Names, bool WithContext) : Stmt(Pos);
