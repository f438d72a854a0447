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
    private int _p;

    private JinjaParser(string name, List<Token> tokens)
    {
        _name = name;
        _tokens = tokens;
    }

    /// <summary>Parses <paramref name="source"/>; throws <see cref="TemplateException"/> on a syntax error.</summary>
    public static TemplateSyntax Parse(string name, string source)
    {
        var parser = new JinjaParser(name, JinjaLexer.Tokenize(name, source));
        var body = parser.ParseStatements([], out _);
        return new TemplateSyntax(name, body);
    }

    private Token Current => _tokens[_p];

    private Token Peek(int n = 1) => _tokens[Math.Min(_p + n, _tokens.Count - 1)];

    private Token Next() => _tokens[_p++];

    private TemplateException Error(string message, Token at) => new(message, _name, at.Pos.Line, at.Pos.Column);

    private Token ExpectOp(string op)
    {
        if (!Current.IsOp(op))
        {
            throw Error($"expected token '{op}', got {Current.Describe()}", Current);
        }

        return Next();
    }

    private Token ExpectName()
    {
        if (Current.Kind != TokenKind.Name)
        {
            throw Error($"expected token 'name', got {Current.Describe()}", Current);
        }

        return Next();
    }

    private void ExpectKeyword(string name)
    {
        if (!Current.IsName(name))
        {
            throw Error($"expected token '{name}', got {Current.Describe()}", Current);
        }

        _p++;
    }

    private void ExpectBlockEnd()
    {
        if (Current.Kind != TokenKind.BlockEnd)
        {
            throw Error($"expected token 'end of statement block', got {Current.Describe()}", Current);
        }

        _p++;
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
                        throw Error($"expected token 'end of print statement', got {Current.Describe()}", Current);
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

                    body.Add(ParseStatement(endTags));
                    break;
                case TokenKind.End:
                    if (endTags.Length > 0)
                    {
                        // Jinja reports the end of the template at the line where its last token starts.
                        throw Error($"Unexpected end of template. Jinja was looking for the following tags: {string.Join(" or ", endTags.Select(e => $"'{e}'"))}. The innermost block that needs to be closed is '{BlockFor(endTags[^1])}'.", _p > 0 ? _tokens[_p - 1] : t);
                    }

                    endTag = t;
                    return body;
                default:
                    throw Error($"unexpected {t.Describe()}", t);
            }
        }
    }

    private static string BlockFor(string endTag) => endTag.StartsWith("end", StringComparison.Ordinal) ? endTag[3..] : endTag;

    private int _blockDepth;

    private Stmt ParseStatement(string[] enclosingEnds)
    {
        if (++_blockDepth > StackGuard.MaxNesting)
        {
            throw Error(TooDeepTags, Current);
        }

        if (!StackGuard.HasRoom())
        {
            throw Error(NoStack, Current);
        }

        var statement = ParseStatementCore(enclosingEnds);
        _blockDepth--;
        return statement;
    }

    private static readonly string TooDeepTags = $"Tags are nested too deeply (more than {StackGuard.MaxNesting} levels).";

    // Within the limits but out of stack: a template compiled in the middle of a deep render, or a small thread stack.
    private const string NoStack = StackGuard.Exceeded + ": the template is nested too deeply to compile here.";

    private Stmt ParseStatementCore(string[] enclosingEnds)
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
                    ExpectBlockEnd();
                    var body = ParseStatements(["endfilter"], out _);
                    ExpectBlockEnd();
                    return new FilterBlockStmt(tag.Pos, filters, body);
                }

            case "with": return ParseWith(tag);
            case "autoescape":
                {
                    var enabled = ParseExpression();
                    ExpectBlockEnd();
                    var body = ParseStatements(["endautoescape"], out _);
                    ExpectBlockEnd();
                    return new AutoescapeStmt(tag.Pos, enabled, body);
                }

            // Extension tags: parsed always, refused by the compiler (with this error) unless the extension is on.
            case "break" or "continue":
                ExpectBlockEnd();
                return new LoopControlStmt(tag.Pos, tag.Value == "break", UnknownTag(tag, enclosingEnds));
            case "do":
                {
                    var value = ParseTuple(withCondExpr: true);
                    ExpectBlockEnd();
                    return new DoStmt(tag.Pos, value, UnknownTag(tag, enclosingEnds));
                }

            default:
                throw Error(UnknownTag(tag, enclosingEnds), tag);
        }
    }

    private string UnknownTag(Token tag, string[] enclosingEnds)
    {
        var hint = enclosingEnds.Length > 0
            ? $" Jinja was looking for the following tags: {string.Join(" or ", enclosingEnds.Select(e => $"'{e}'"))}. The innermost block that needs to be closed is '{BlockFor(enclosingEnds[^1])}'."
            : "";
        return $"Encountered unknown tag '{tag.Value}'.{hint}";
    }

}
