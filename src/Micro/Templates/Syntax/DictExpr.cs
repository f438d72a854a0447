namespace Micro.Templates.Syntax;

/// <summary>A dict literal: <c>{'a': 1}</c>.</summary>
internal sealed record DictExpr(SourcePos Pos, IReadOnlyList<KeyValuePair<Expr, Expr>> Pairs) : Expr(Pos);
