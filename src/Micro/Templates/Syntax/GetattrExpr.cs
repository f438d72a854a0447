namespace Micro.Templates.Syntax;

/// <summary>An attribute access: <c>user.name</c> (attribute first, then item).</summary>
internal sealed record GetattrExpr(SourcePos Pos, Expr Target, string Name) : Expr(Pos);
