namespace Micro.Templates.Syntax;

/// <summary><c>{% extends "base.html" %}</c>.</summary>
internal sealed record ExtendsStmt(SourcePos Pos, Expr Template) : Stmt(Pos);
