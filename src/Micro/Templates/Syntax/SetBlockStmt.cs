namespace Micro.Templates.Syntax;

/// <summary><c>{% set name [| filters] %}...{% endset %}</c>: captures its body.</summary>
internal sealed record SetBlockStmt(SourcePos Pos, Expr Target, IReadOnlyList<FilterExpr> Filters, IReadOnlyList<Stmt> Body) : Stmt(Pos);
