using Micro.Templates.Syntax;

namespace Micro.Templates.Compilation;

/// <summary>
/// A run of template data and <c>{{ }}</c> outputs with no tag between them, written by one Scriban
/// node: each part is a string (data) or an expression with whether to autoescape it.
/// </summary>
internal sealed record OutputRun(string Template, (string? Text, Expr? Expr, bool Escape)[] Parts);
