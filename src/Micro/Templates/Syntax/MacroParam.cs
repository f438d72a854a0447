namespace Micro.Templates.Syntax;

/// <summary>A macro or caller parameter with its optional default, and where its name is.</summary>
internal sealed record MacroParam(string Name, Expr? Default, SourcePos Pos = default);
