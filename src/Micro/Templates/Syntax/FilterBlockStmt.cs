namespace Micro.Templates.Syntax;

/// <summary><c>{% filter name %}...{% endfilter %}</c>.</summary>
internal sealed record FilterBlockStmt(SourcePos Pos, IReadOnlyList<FilterExpr> Filters, IReadOnlyList<Stmt> Body) : Stmt(Pos);
