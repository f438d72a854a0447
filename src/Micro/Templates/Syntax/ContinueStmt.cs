namespace Micro.Templates.Syntax;

/// <summary><c>{% continue %}</c> (the <c>loopcontrols</c> extension): goes on with the next item of the innermost <c>{% for %}</c> of the same function.</summary>
internal sealed record ContinueStmt(SourcePos Pos) : Stmt(Pos);
