namespace Micro.Templates.Syntax;

/// <summary><c>{% for target in iter [if filter] [recursive] %}</c> with an optional <c>else</c>.</summary>
internal sealed record ForStmt(SourcePos Pos, Expr Target, Expr Iter, IReadOnlyList<Stmt> Body, IReadOnlyList<Stmt>? Else, Expr? Filter, bool Recursive) : Stmt(Pos);
