namespace Micro.Templates.Syntax;

/// <summary>
/// <c>{% break %}</c> or <c>{% continue %}</c> (Jinja's <c>loopcontrols</c> extension). <paramref name="UnknownTagError"/>
/// is the error Jinja raises where the extension is off, worded at the place it was parsed.
/// </summary>
internal sealed record LoopControlStmt(SourcePos Pos, bool IsBreak, string UnknownTagError) : Stmt(Pos);
