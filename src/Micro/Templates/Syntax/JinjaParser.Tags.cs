using Micro.Templates.Runtime;

namespace Micro.Templates.Syntax;

/// <content>One method per tag: if, for, set, block, include, import, from, macro, call, with.</content>
internal sealed partial class JinjaParser
{
    private IfStmt ParseIf(Token tag)
    {
        var branches = new List<KeyValuePair<Expr, IReadOnlyList<Stmt>>>();
        List<Stmt>? otherwise = null;
        var test = ParseTuple(withCondExpr: false);
        while (true)
        {
            var body = ParseBody(["elif", "else", "endif"], out var end);
            branches.Add(new(test, body));
            if (end.Value == "elif")
            {
                test = ParseTuple(withCondExpr: false);
                continue;
            }

            if (end.Value == "else")
            {
                otherwise = ParseBody(["endif"], out _);
            }

            ExpectBlockEnd();
            return new IfStmt(tag.Pos, branches, otherwise);
        }
    }

    private ForStmt ParseFor(Token tag)
    {
        var target = ParseAssignTarget(withNamespace: false);
        ExpectKeyword("in");
        var iter = ParseTuple(withCondExpr: false);
        Expr? filter = null;
        if (SkipName("if"))
        {
            filter = ParseExpression(withCondExpr: false);
        }

        var recursive = SkipName("recursive");
        var body = ParseBody(["endfor", "else"], out var end);
        List<Stmt>? otherwise = null;
        if (end.Value == "else")
        {
            otherwise = ParseBody(["endfor"], out _);
        }

        ExpectBlockEnd();
        return new ForStmt(tag.Pos, target, iter, body, otherwise, filter, recursive);
    }

    private Stmt ParseSet(Token tag)
    {
        var target = ParseAssignTarget(withNamespace: true);
        if (SkipOp("="))
        {
            var value = ParseTuple(withCondExpr: true);
            ExpectBlockEnd();
            return new SetStmt(tag.Pos, target, value);
        }

        var filters = Current.IsOp("|") ? ParseFilterChain() : [];
        var body = ParseBody(["endset"], out _);
        ExpectBlockEnd();
        return new SetBlockStmt(tag.Pos, target, filters, body);
    }

    // Jinja's parse_block: "scoped" then "required", in that order and once each; a required block holds only
    // whitespace and comments; "{% endblock name %}" may repeat the block's name and nothing else.
    private BlockStmt ParseBlock(Token tag)
    {
        var name = ExpectName();
        var scoped = SkipName("scoped");
        var required = SkipName("required");
        if (Current.IsOp("-"))
        {
            throw Error("Block names in Jinja have to be valid Python identifiers and may not contain hyphens, use an underscore instead.", Current);
        }

        var body = ParseBody(["endblock"], out _);
        if (required && body.Any(s => s is not TextStmt t || !t.Text.All(JinjaLexer.IsPySpace)))
        {
            throw Error("Required blocks can only contain comments or whitespace", Current);
        }

        SkipName(name.Value);
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

        // Jinja's parse_from: names separated by commas (no trailing comma), each optionally "as" another, then
        // optionally "with context" or "without context".
        bool ParseContext()
        {
            if ((Current.IsName("with") || Current.IsName("without")) && Peek().IsName("context"))
            {
                withContext = ParseContextModifier(false);
                return true;
            }

            return false;
        }

        while (true)
        {
            if (names.Count > 0)
            {
                ExpectOp(",");
            }

            if (Current.Kind != TokenKind.Name)
            {
                throw Expected("name");
            }

            if (ParseContext())
            {
                break;
            }

            var nameToken = Next();
            if (nameToken.Value.StartsWith('_'))
            {
                throw Error("names starting with an underline can not be imported", nameToken);
            }

            var alias = SkipName("as") ? ExpectName().Value : nameToken.Value;
            names.Add(new(nameToken.Value, alias));
            if (ParseContext() || !Current.IsOp(","))
            {
                break;
            }
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
            }

            var nameToken = ExpectName();
            var name = nameToken.Value;
            var namePos = nameToken.Pos;
            Expr? def = null;
            if (SkipOp("="))
            {
                def = ParseExpression();
            }
            else if (ps.Count > 0 && ps[^1].Default is not null)
            {
                throw Error("non-default argument follows default argument", Current);
            }

            ps.Add(new MacroParam(name, def, namePos));
        }

        ExpectOp(")");
        return ps;
    }

    private MacroStmt ParseMacro(Token tag)
    {
        var name = ExpectName().Value;
        var ps = ParseSignature();
        var body = ParseBody(["endmacro"], out _);
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

        var body = ParseBody(["endcall"], out _);
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

            var target = ParseAssignTarget(withNamespace: false);
            ExpectOp("=");
            assignments.Add(new(target, ParseExpression()));
        }

        var body = ParseBody(["endwith"], out _);
        ExpectBlockEnd();
        return new WithStmt(tag.Pos, assignments, body);
    }

    // Jinja's parse_assign_target: a tuple of primaries (parenthesised parts are whole tuples), of which only names
    // and tuples of them can be assigned; with a namespace, "ns.attr" (set only).
    private Expr ParseAssignTarget(bool withNamespace)
    {
        var first = Current;
        if (withNamespace && first.Kind == TokenKind.Name && Peek().IsOp(".") && Peek(2).Kind == TokenKind.Name)
        {
            _p += 2;
            var attr = Next();
            return new GetattrExpr(first.Pos, new NameExpr(first.Pos, first.Value), attr.Value);
        }

        var items = new List<Expr>();
        var isTuple = false;
        while (true)
        {
            if (items.Count > 0)
            {
                ExpectOp(",");
            }

            if (IsTupleEnd())
            {
                break;
            }

            items.Add(ParsePrimary());
            if (Current.IsOp(","))
            {
                isTuple = true;
            }
            else
            {
                break;
            }
        }

        if (!isTuple && items.Count == 0)
        {
            throw Error($"Expected an expression, got {Current.Describe()}", Current);
        }

        var target = isTuple ? new TupleExpr(first.Pos, items) : items[0];
        if (NotAssignable(target) is { } bad)
        {
            throw Error($"can't assign to '{JinjaNodeName(bad)}'", bad.Pos);
        }

        return target;
    }

    // The part of a target that cannot be assigned (Jinja's can_assign), or null.
    private static Expr? NotAssignable(Expr target) => target switch
    {
        NameExpr => null,
        TupleExpr t => t.Items.Any(i => NotAssignable(i) is not null) ? t : null,
        _ => target,
    };

    // The lower-case class name Jinja gives the node in "can't assign to '...'".
    private static string JinjaNodeName(Expr e) => e switch
    {
        ConstExpr => "const",
        TupleExpr => "tuple",
        ListExpr => "list",
        DictExpr => "dict",
        GetattrExpr => "getattr",
        GetitemExpr => "getitem",
        CallExpr => "call",
        FilterExpr => "filter",
        TestExpr => "test",
        CondExpr => "condexpr",
        UnaryExpr u => u.Op switch { "not" => "not", "-" => "neg", _ => "pos" },
        BinaryExpr b => b.Op switch
        {
            "+" => "add", "-" => "sub", "*" => "mul", "/" => "div", "//" => "floordiv", "%" => "mod", "**" => "pow",
            "~" => "concat", "and" => "and", "or" => "or", _ => "compare",
        },
        _ => e.GetType().Name.ToLowerInvariant(),
    };

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
            if (list.Count > StackGuard.MaxExpressionDepth)
            {
                // The chain becomes one expression tree, each filter applied to the one before.
                throw Error(TooDeepExpression, Current);
            }
        }

        return list;
    }
}
