namespace Micro.Templates.Syntax;

/// <summary><c>{% do expr %}</c> (the <c>do</c> extension): evaluates <see cref="Value"/> (an expression or a tuple) for its effect and prints nothing.</summary>
internal sealed record DoStmt(SourcePos Pos, Expr Value) : Stmt(Pos);
