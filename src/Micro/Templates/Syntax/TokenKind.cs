namespace Micro.Templates.Syntax;

/// <summary>The kinds of tokens the Jinja lexer produces.</summary>
internal enum TokenKind
{
    /// <summary>Template data between tags.</summary>
    Data,
    /// <summary><c>{{</c></summary>
    VariableBegin,
    /// <summary><c>}}</c></summary>
    VariableEnd,
    /// <summary><c>{%</c></summary>
    BlockBegin,
    /// <summary><c>%}</c></summary>
    BlockEnd,
    /// <summary>An identifier or keyword.</summary>
    Name,
    /// <summary>A string literal (value unescaped).</summary>
    String,
    /// <summary>An integer literal.</summary>
    Integer,
    /// <summary>A float literal.</summary>
    Float,
    /// <summary>An operator or punctuation.</summary>
    Operator,
    /// <summary>The end of the template.</summary>
    End,
}
