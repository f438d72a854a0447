namespace Micro.Templates.Syntax;

/// <summary>Template data copied to the output as is.</summary>
internal sealed record TextStmt(SourcePos Pos, string Text) : Stmt(Pos);
