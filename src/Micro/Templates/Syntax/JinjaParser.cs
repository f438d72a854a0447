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
        if (++_blockDepth > 200)
        {
            throw Error("Tags are nested too deeply.", Current);
        }

        try
        {
            return ParseStatementCore(enclosingEnds);
        }
        finally
        {
            _blockDepth--;
        }
    }

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

            default:
                var hint = enclosingEnds.Length > 0
                    ? $" Jinja was looking for the following tags: {string.Join(" or ", enclosingEnds.Select(e => $"'{e}'"))}. The innermost block that needs to be closed is '{BlockFor(enclosingEnds[^1])}'."
                    : "";
                throw Error($"Encountered unknown tag '{tag.Value}'.{hint}", tag);
        }
    }

    private IfStmt ParseIf(Token tag)
    {
        var branches = new List<KeyValuePair<Expr, IReadOnlyList<Stmt>>>();
        List<Stmt>? otherwise = null;
        var test = ParseTuple(withCondExpr: false);
        ExpectBlockEnd();
        while (true)
        {
            var body = ParseStatements(["elif", "else", "endif"], out var end);
            branches.Add(new(test, body));
            if (end.Value == "elif")
            {
                test = ParseTuple(withCondExpr: false);
                ExpectBlockEnd();
                continue;
            }

            if (end.Value == "else")
            {
                ExpectBlockEnd();
                otherwise = ParseStatements(["endif"], out _);
            }

            ExpectBlockEnd();
            return new IfStmt(tag.Pos, branches, otherwise);
        }
    }

    private ForStmt ParseFor(Token tag)
    {
        var target = ParseAssignTarget(allowAttribute: false);
        ExpectKeyword("in");
        var iter = ParseTuple(withCondExpr: false, extraEnds: ["recursive"]);
        Expr? filter = null;
        if (SkipName("if"))
        {
            filter = ParseExpression(withCondExpr: false);
        }

        var recursive = SkipName("recursive");
        ExpectBlockEnd();
        var body = ParseStatements(["endfor", "else"], out var end);
        List<Stmt>? otherwise = null;
        if (end.Value == "else")
        {
            ExpectBlockEnd();
            otherwise = ParseStatements(["endfor"], out _);
        }

        ExpectBlockEnd();
        return new ForStmt(tag.Pos, target, iter, body, otherwise, filter, recursive);
    }

    private Stmt ParseSet(Token tag)
    {
        var target = ParseAssignTarget(allowAttribute: true);
        if (SkipOp("="))
        {
            var value = ParseTuple(withCondExpr: true);
            ExpectBlockEnd();
            return new SetStmt(tag.Pos, target, value);
        }

        var filters = Current.IsOp("|") ? ParseFilterChain() : [];
        ExpectBlockEnd();
        var body = ParseStatements(["endset"], out _);
        ExpectBlockEnd();
        return new SetBlockStmt(tag.Pos, target, filters, body);
    }

    private BlockStmt ParseBlock(Token tag)
    {
        var name = ExpectName();
        var scoped = false;
        var required = false;
        while (Current.Kind == TokenKind.Name)
        {
            if (SkipName("scoped"))
            {
                scoped = true;
            }
            else if (SkipName("required"))
            {
                required = true;
            }
            else
            {
                break;
            }
        }

        if (Current.IsOp("-"))
        {
            throw Error("Use an underscore instead", Current);
        }

        ExpectBlockEnd();
        var body = ParseStatements(["endblock"], out _);
        if (Current.Kind == TokenKind.Name)
        {
            var endName = Next();
            if (endName.Value != name.Value)
            {
                throw Error($"'{name.Value}' block ends with 'endblock {endName.Value}'", endName);
            }
        }

        ExpectBlockEnd();
        return new BlockStmt(tag.Pos, name.Value, body, scoped, required);
    }

    private bool ParseContextModifier(bool defaultValue)
    {
        if ((Current.IsName("with") || Current.IsName("without")) && Peek().IsName("context"))
        {
            var with = Next().Value == "with";
            _p++;
            return with;
        }

        return defaultValue;
    }

    private IncludeStmt ParseInclude(Token tag)
    {
        var template = ParseExpression();
        var ignoreMissing = false;
        if (Current.IsName("ignore") && Peek().IsName("missing"))
        {
            _p += 2;
            ignoreMissing = true;
        }

        var withContext = ParseContextModifier(true);
        ExpectBlockEnd();
        return new IncludeStmt(tag.Pos, template, ignoreMissing, withContext);
    }

    private ImportStmt ParseImport(Token tag)
    {
        var template = ParseExpression();
        ExpectKeyword("as");
        var alias = ExpectName().Value;
        var withContext = ParseContextModifier(false);
        ExpectBlockEnd();
        return new ImportStmt(tag.Pos, template, alias, withContext);
    }

    private FromImportStmt ParseFrom(Token tag)
    {
        var template = ParseExpression();
        ExpectKeyword("import");
        var names = new List<KeyValuePair<string, string>>();
        var withContext = false;
        while (true)
        {
            if (Current.IsName("with") || Current.IsName("without"))
            {
                if (Peek().IsName("context"))
                {
                    withContext = ParseContextModifier(false);
                    break;
                }
            }

            if (names.Count > 0 && !SkipOp(","))
            {
                break;
            }

            if (Current.Kind != TokenKind.Name)
            {
                break;
            }

            var name = Next().Value;
            if (name.StartsWith('_'))
            {
                throw Error("names starting with an underline can not be imported", _tokens[_p - 1]);
            }

            var alias = SkipName("as") ? ExpectName().Value : name;
            names.Add(new(name, alias));
        }

        ExpectBlockEnd();
        return new FromImportStmt(tag.Pos, template, names, withContext);
    }

    private List<MacroParam> ParseSignature()
    {
        var ps = new List<MacroParam>();
        ExpectOp("(");
        while (!Current.IsOp(")"))
        {
            if (ps.Count > 0)
            {
                ExpectOp(",");
                if (Current.IsOp(")"))
                {
                    break;
                }
            }

            var name = ExpectName().Value;
            Expr? def = null;
            if (SkipOp("="))
            {
                def = ParseExpression();
            }
            else if (ps.Count > 0 && ps[^1].Default is not null)
            {
                throw Error("non-default argument follows default argument", Current);
            }

            ps.Add(new MacroParam(name, def));
        }

        ExpectOp(")");
        return ps;
    }

    private MacroStmt ParseMacro(Token tag)
    {
        var name = ExpectName().Value;
        var ps = ParseSignature();
        ExpectBlockEnd();
        var body = ParseStatements(["endmacro"], out _);
        SkipName(name);
        ExpectBlockEnd();
        return new MacroStmt(tag.Pos, name, ps, body);
    }

    private CallBlockStmt ParseCallBlock(Token tag)
    {
        var ps = Current.IsOp("(") ? ParseSignature() : [];
        var call = ParseExpression();
        if (call is not CallExpr callExpr)
        {
            throw Error("expected call", tag);
        }

        ExpectBlockEnd();
        var body = ParseStatements(["endcall"], out _);
        ExpectBlockEnd();
        return new CallBlockStmt(tag.Pos, callExpr, ps, body);
    }

    private WithStmt ParseWith(Token tag)
    {
        var assignments = new List<KeyValuePair<Expr, Expr>>();
        while (Current.Kind != TokenKind.BlockEnd)
        {
            if (assignments.Count > 0)
            {
                ExpectOp(",");
            }

            var target = ParseAssignTarget(allowAttribute: false);
            ExpectOp("=");
            assignments.Add(new(target, ParseExpression()));
        }

        ExpectBlockEnd();
        var body = ParseStatements(["endwith"], out _);
        ExpectBlockEnd();
        return new WithStmt(tag.Pos, assignments, body);
    }

    private Expr ParseAssignTarget(bool allowAttribute)
    {
        var first = Current;
        Expr target;
        if (allowAttribute && first.Kind == TokenKind.Name && Peek().IsOp("."))
        {
            _p++;
            _p++;
            var attr = ExpectName();
            target = new GetattrExpr(first.Pos, new NameExpr(first.Pos, first.Value), attr.Value);
            return target;
        }

        var items = new List<Expr>();
        var paren = SkipOp("(");
        while (true)
        {
            var t = ExpectName();
            if (t.Value is "true" or "false" or "none" or "True" or "False" or "None")
            {
                throw Error($"Can't assign to '{t.Value}'", t);
            }

            items.Add(new NameExpr(t.Pos, t.Value));
            if (!SkipOp(","))
            {
                break;
            }

            if (Current.Kind != TokenKind.Name)
            {
                break;
            }
        }

        if (paren)
        {
            ExpectOp(")");
        }

        return items.Count == 1 && !paren ? items[0] : new TupleExpr(first.Pos, items);
    }

    private List<FilterExpr> ParseFilterChain()
    {
        var list = new List<FilterExpr>();
        var first = true;
        while (first || Current.IsOp("|"))
        {
            if (!first)
            {
                _p++;
            }
            else
            {
                SkipOp("|");
            }

            first = false;
            list.Add(ParseFilterTail(null));
        }

        return list;
    }
}
