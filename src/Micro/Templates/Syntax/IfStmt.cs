namespace Micro.Templates.Syntax;

/// <summary><c>{% if %}</c> with its <c>elif</c> branches and <c>else</c>.</summary>
internal sealed record IfStmt(SourcePos Pos, IReadOnlyList<KeyValuePair<Expr, IReadOnlyList<Stmt>>> Branches, IReadOnlyList<Stmt>? Else) : Stmt(Pos);
