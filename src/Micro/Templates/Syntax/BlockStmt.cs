namespace Micro.Templates.Syntax;

/// <summary><c>{% block name [scoped] [required] %}</c>.</summary>
internal sealed record BlockStmt(SourcePos Pos, string Name, IReadOnlyList<Stmt> Body, bool Scoped, bool Required) : Stmt(Pos);
