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
            if (list.Count > StackGuard.MaxExpressionDepth)
            {
                // The chain becomes one expression tree, each filter applied to the one before.
                throw Error(TooDeepExpression, Current);
            }
        }

        return list;
    }
}
