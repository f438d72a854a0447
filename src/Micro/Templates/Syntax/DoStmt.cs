namespace Micro.Templates.Syntax;

/// <summary>
/// <c>{% do expression %}</c> (Jinja's <c>do</c> extension): evaluates the expression and prints nothing.
/// <paramref name="UnknownTagError"/> is the error Jinja raises where the extension is off.
/// </summary>
internal sealed record DoStmt(SourcePos Pos, Expr Value, string UnknownTagError) : Stmt(Pos);
