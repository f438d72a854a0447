namespace Micro.Templates.Syntax;

/// <summary><c>super()</c> or <c>self.name()</c> once resolved: render level <see cref="Level"/> of block <see cref="Name"/>.</summary>
internal sealed record BlockRefExpr(SourcePos Pos, string Name, int Level) : Expr(Pos);
