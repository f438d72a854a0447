namespace Micro.Templates.Syntax;

/// <summary>The arguments of a call, filter or test: positional, keyword, <c>*args</c> and <c>**kwargs</c>.</summary>
internal sealed record CallArgs(IReadOnlyList<Expr> Positional, IReadOnlyList<KeyValuePair<string, Expr>> Keywords, Expr? Star, Expr? DoubleStar)
{
    /// <summary>No arguments.</summary>
    public static readonly CallArgs Empty = new([], [], null, null);
}
