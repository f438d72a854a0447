using Micro.Templates.Runtime;

namespace Micro.Templates.Syntax;

/// <summary>
/// A recursive-descent parser for Jinja 3.1 templates, following the grammar and precedence of
/// <c>jinja2/parser.py</c>. Statements here, expressions in <c>JinjaParser.Expressions.cs</c>.
/// </summary>
internal sealed partial class JinjaParser
{
    private readonly string _name;
    private readonly List<Token> _tokens;
    private readonly SyntaxOptions _options;
    private int _p;

    // The end tags each open block is looking for, innermost last (Jinja's end_token_stack), and the tags being
    // parsed (its _tag_stack), for error messages.
    private readonly List<string[]> _endTags = [];
    private readonly List<string> _openTags = [];

    private JinjaParser(string name, List<Token> tokens, SyntaxOptions options)
    {
        _name = name;
        _tokens = tokens;
        _options = options;
    }

    /// <summary>
    /// Parses <paramref name="source"/> with <paramref name="options"/> (Jinja's defaults when null), then checks what
    /// Jinja's compiler rejects (<see cref="SyntaxChecks"/>); throws <see cref="TemplateException"/> on a syntax error.
    /// </summary>
    public static TemplateSyntax Parse(string name, string source, SyntaxOptions? options = null)
    {
        options ??= SyntaxOptions.Default;
        var parser = new JinjaParser(name, JinjaLexer.Tokenize(name, source, options), options);
        var body = parser.ParseStatements([], out _);
        var syntax = new TemplateSyntax(name, body);
        SyntaxChecks.Validate(syntax);
        return syntax;
    }

    private Token Current => _tokens[_p];

    private Token Peek(int n = 1) => _tokens[Math.Min(_p + n, _tokens.Count - 1)];

    private Token Next() => _tokens[_p++];

    private TemplateException Error(string message, Token at) => Error(message, at.Pos);

    private TemplateException Error(string message, SourcePos at) => new(message, _name, at.Line, at.Column);

    // Jinja's TokenStream.expect: the end of the template reads differently from a wrong token.
    private TemplateException Expected(string what) => Current.Kind == TokenKind.End
        ? Error($"unexpected end of template, expected '{what}'.", Current)
        : Error($"expected token '{what}', got {Current.Describe()}", Current);

    private Token ExpectOp(string op)
    {
        if (!Current.IsOp(op))
        {
            throw Expected(op);
        }

        return Next();
    }

    private Token ExpectName()
    {
        if (Current.Kind != TokenKind.Name)
        {
            throw Expected("name");
        }

        return Next();
    }

    private void ExpectKeyword(string name)
    {
        if (!Current.IsName(name))
        {
            throw Expected(name);
        }

        _p++;
    }

    private void ExpectBlockEnd()
    {
        if (Current.Kind != TokenKind.BlockEnd)
        {
            throw Expected("end of statement block");
        }

        _p++;
    }

    // Jinja's parse_statements: an optional ":" (for Python's sake), the end of the opening tag, then the body.
    private List<Stmt> ParseBody(string[] endTags, out Token endTag)
    {
        SkipOp(":");
        ExpectBlockEnd();
        return ParseStatements(endTags, out endTag);
    }

    private bool SkipName(string name)
    {
        if (Current.IsName(name))
        {
            _p++;
            return true;
        }

        return false;
    }

    private bool SkipOp(string op)
    {
        if (Current.IsOp(op))
        {
            _p++;
            return true;
        }

        return false;
    }

    // Parses statements until one of the end tags (e.g. "endif", "elif", "else"); the end tag's name is
    // consumed but its block end is not.
    private List<Stmt> ParseStatements(string[] endTags, out Token endTag)
    {
        if (endTags.Length > 0)
        {
            _endTags.Add(endTags);
        }

        var body = ParseStatementsCore(endTags, out endTag);
        if (endTags.Length > 0)
        {
            _endTags.RemoveAt(_endTags.Count - 1);
        }

        return body;
    }

    private List<Stmt> ParseStatementsCore(string[] endTags, out Token endTag)
    {
        var body = new List<Stmt>();
        while (true)
        {
            var t = Current;
            switch (t.Kind)
            {
                case TokenKind.Data:
                    body.Add(new TextStmt(t.Pos, t.Value));
                    _p++;
                    break;
                case TokenKind.VariableBegin:
                    _p++;
                    var value = ParseTuple(withCondExpr: true);
                    if (Current.Kind != TokenKind.VariableEnd)
                    {
                        throw Expected("end of print statement");
                    }

                    _p++;
                    body.Add(new OutputStmt(value.Pos, value));
                    break;
                case TokenKind.BlockBegin:
                    _p++;
                    var tag = Current;
                    if (tag.Kind == TokenKind.Name && Array.IndexOf(endTags, tag.Value) >= 0)
                    {
                        _p++;
                        endTag = tag;
                        return body;
                    }

                    body.Add(ParseStatement());
                    break;
                case TokenKind.End:
                    if (endTags.Length > 0)
                    {
                        throw Error(UnknownTag(null), t);
                    }

                    endTag = t;
                    return body;
                default:
                    throw Error($"unexpected {t.Describe()}", t);
            }
        }
    }

    private int _blockDepth;

    private Stmt ParseStatement()
    {
        if (++_blockDepth > StackGuard.MaxNesting)
        {
            throw Error(TooDeepTags, Current);
        }

        if (!StackGuard.HasRoom())
        {
            throw Error(NoStack, Current);
        }

        _openTags.Add(Current.Value);
        var statement = ParseStatementCore();
        _openTags.RemoveAt(_openTags.Count - 1);
        _blockDepth--;
        return statement;
    }

    private static readonly string TooDeepTags = $"Tags are nested too deeply (more than {StackGuard.MaxNesting} levels).";

    // Within the limits but out of stack: a template compiled in the middle of a deep render, or a small thread stack.
    private const string NoStack = StackGuard.Exceeded + ": the template is nested too deeply to compile here.";

    private Stmt ParseStatementCore()
    {
        var tag = Current;
        if (tag.Kind != TokenKind.Name)
        {
            throw Error("tag name expected", tag);
        }

        _p++;
        switch (tag.Value)
        {
            case "if": return ParseIf(tag);
            case "for": return ParseFor(tag);
            case "set": return ParseSet(tag);
            case "block": return ParseBlock(tag);
            case "extends":
                {
                    var template = ParseExpression();
                    ExpectBlockEnd();
                    return new ExtendsStmt(tag.Pos, template);
                }

            case "include": return ParseInclude(tag);
            case "import": return ParseImport(tag);
            case "from": return ParseFrom(tag);
            case "macro": return ParseMacro(tag);
            case "call": return ParseCallBlock(tag);
            case "filter":
                {
                    var filters = ParseFilterChain();
                    var body = ParseBody(["endfilter"], out _);
                    ExpectBlockEnd();
                    return new FilterBlockStmt(tag.Pos, filters, body);
                }

            case "with": return ParseWith(tag);
            case "autoescape":
                {
                    var enabled = ParseExpression();
                    var body = ParseBody(["endautoescape"], out _);
                    ExpectBlockEnd();
                    return new AutoescapeStmt(tag.Pos, enabled, body);
                }

            case "break" or "continue" when _options.LoopControls:
                ExpectBlockEnd();
                return tag.Value == "break" ? new BreakStmt(tag.Pos) : new ContinueStmt(tag.Pos);
            case "do" when _options.Do:
                {
                    var value = ParseTuple(withCondExpr: true);
                    ExpectBlockEnd();
                    return new DoStmt(tag.Pos, value);
                }

            default:
                // As Jinja, an unknown tag is not a block that needs closing.
                _openTags.RemoveAt(_openTags.Count - 1);
                throw Error(UnknownTag(tag.Value), tag);
        }
    }

    // Jinja's fail_unknown_tag and fail_eof (name null): an end tag some outer block is waiting for is a nesting mistake.
    private string UnknownTag(string? name)
    {
        var message = new List<string> { name is null ? "Unexpected end of template." : $"Encountered unknown tag '{name}'." };
        if (_endTags.Count > 0)
        {
            var looking = string.Join(" or ", _endTags[^1].Select(e => $"'{e}'"));
            message.Add(name is not null && _endTags.Any(ends => Array.IndexOf(ends, name) >= 0)
                ? $"You probably made a nesting mistake. Jinja is expecting this tag, but currently looking for {looking}."
                : $"Jinja was looking for the following tags: {looking}.");
        }

        if (_openTags.Count > 0)
        {
            message.Add($"The innermost block that needs to be closed is '{_openTags[^1]}'.");
        }

        return string.Join(" ", message);
    }

}
