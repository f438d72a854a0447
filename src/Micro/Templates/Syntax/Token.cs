namespace Micro.Templates.Syntax;

/// <summary>One lexed token; <see cref="Literal"/> holds the value of string and number tokens.</summary>
internal readonly record struct Token(TokenKind Kind, string Value, SourcePos Pos, object? Literal = null)
{
    /// <summary>Tells whether this is the operator <paramref name="op"/>.</summary>
    public bool IsOp(string op) => Kind == TokenKind.Operator && Value == op;

    /// <summary>Tells whether this is the name (or keyword) <paramref name="name"/>.</summary>
    public bool IsName(string name) => Kind == TokenKind.Name && Value == name;

    /// <summary>Describes the token for error messages, quoted, as Jinja does (<c>'end of print statement'</c>, <c>'x'</c>).</summary>
    public string Describe() => Kind switch
    {
        TokenKind.End => "'end of template'",
        TokenKind.BlockEnd => "'end of statement block'",
        TokenKind.VariableEnd => "'end of print statement'",
        TokenKind.String => "'string'",
        TokenKind.Integer => "'integer'",
        TokenKind.Float => "'float'",
        _ => $"'{Value}'",
    };
}
