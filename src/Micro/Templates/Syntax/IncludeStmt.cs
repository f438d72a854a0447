namespace Micro.Templates.Syntax;

/// <summary><c>{% include name [ignore missing] [with|without context] %}</c>; the name may be a list.</summary>
internal sealed record IncludeStmt(SourcePos Pos, Expr Template, bool IgnoreMissing, bool WithContext) : Stmt(Pos);
