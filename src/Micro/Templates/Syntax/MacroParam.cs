namespace Micro.Templates.Syntax;

/// <summary>A macro or caller parameter with its optional default.</summary>
internal sealed record MacroParam(string Name, Expr? Default);
