namespace Micro.Templates.Syntax;

/// <summary><c>{% break %}</c> (the <c>loopcontrols</c> extension): leaves the innermost <c>{% for %}</c> of the same function.</summary>
internal sealed record BreakStmt(SourcePos Pos) : Stmt(Pos);
