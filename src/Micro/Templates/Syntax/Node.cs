namespace Micro.Templates.Syntax;

/// <summary>Any node of the Jinja syntax tree.</summary>
internal abstract record Node(SourcePos Pos);
