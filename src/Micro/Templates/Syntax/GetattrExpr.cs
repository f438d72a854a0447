using Micro.Templates.Runtime;

namespace Micro.Templates.Syntax;

/// <summary>An attribute access: <c>user.name</c> (attribute first, then item).</summary>
internal sealed record GetattrExpr(SourcePos Pos, Expr Target, string Name) : Expr(Pos)
{
    /// <summary>The inline cache of how <see cref="Name"/> resolved on the last model type seen here.</summary>
    public AttrSite Site { get; } = new();
}
