namespace Micro.Templates.Syntax;

/// <content>Postfix expressions: attribute and item access, slices, calls, filters and tests.</content>
internal sealed partial class JinjaParser
{
    private Expr ParsePostfix(Expr node)
    {
        while (true)
        {
            var t = Current;
            if (t.IsOp("."))
            {
                _p++;
                var attr = Next();
                if (attr.Kind == TokenKind.Name)
                {
                    node = new GetattrExpr(attr.Pos, node, attr.Value);
                }
                else if (attr.Kind == TokenKind.Integer)
                {
                    node = new GetitemExpr(attr.Pos, node, new ConstExpr(attr.Pos, attr.Literal));
                }
                else
                {
                    throw Error("expected name or number", attr);
                }
            }
            else if (t.IsOp("["))
            {
                _p++;
                var keys = new List<Expr>();
                while (!Current.IsOp("]"))
                {
                    if (keys.Count > 0)
                    {
                        ExpectOp(",");
                    }

                    keys.Add(ParseSubscribed());
                }

                ExpectOp("]");
                var key = keys.Count == 1 ? keys[0] : new TupleExpr(t.Pos, keys);
                node = new GetitemExpr(t.Pos, node, key);
            }
            else if (t.IsOp("("))
            {
                // Errors in a call point at what is called: "nomacro" in {{ nomacro(1) }}.
                node = new CallExpr(node.Pos, node, ParseCallArgs());
            }
            else
            {
                return node;
            }
        }
    }

    private Expr ParseSubscribed()
    {
        var pos = Current.Pos;
        Expr? start = null;
        if (!Current.IsOp(":"))
        {
            start = ParseExpression();
            if (!Current.IsOp(":"))
            {
                return start;
            }
        }

        _p++;
        Expr? stop = null;
        Expr? step = null;
        if (!Current.IsOp("]") && !Current.IsOp(",") && !Current.IsOp(":"))
        {
            stop = ParseExpression();
        }

        if (SkipOp(":") && !Current.IsOp("]") && !Current.IsOp(","))
        {
            step = ParseExpression();
        }

        return new SliceExpr(pos, start, stop, step);
    }

    private CallArgs ParseCallArgs()
    {
        var open = ExpectOp("(");
        var positional = new List<Expr>();
        var keywords = new List<KeyValuePair<string, Expr>>();
        Expr? star = null;
        Expr? dstar = null;
        var first = true;

        // Jinja's parse_call_args: positional, then keywords and *args, then **kwargs, each * and ** once.
        void Ensure(bool ok)
        {
            if (!ok)
            {
                throw Error("invalid syntax for function call expression", open);
            }
        }

        while (!Current.IsOp(")"))
        {
            if (!first)
            {
                ExpectOp(",");
                if (Current.IsOp(")"))
                {
                    break;
                }
            }

            first = false;
            if (Current.IsOp("*"))
            {
                Ensure(star is null && dstar is null);
                _p++;
                star = ParseExpression();
            }
            else if (Current.IsOp("**"))
            {
                Ensure(dstar is null);
                _p++;
                dstar = ParseExpression();
            }
            else if (Current.Kind == TokenKind.Name && Peek().IsOp("="))
            {
                Ensure(dstar is null);
                var key = Next().Value;
                _p++;
                keywords.Add(new(key, ParseExpression()));
            }
            else
            {
                Ensure(star is null && dstar is null && keywords.Count == 0);
                positional.Add(ParseExpression());
            }
        }

        ExpectOp(")");
        return new CallArgs(positional, keywords, star, dstar);
    }

    private Expr ParseFilterExpr(Expr node)
    {
        while (true)
        {
            if (Current.IsOp("|"))
            {
                _p++;
                node = ParseFilterTail(node);
            }
            else if (Current.IsName("is"))
            {
                node = ParseTest(node);
            }
            else if (Current.IsOp("("))
            {
                node = new CallExpr(node.Pos, node, ParseCallArgs());
            }
            else
            {
                return node;
            }
        }
    }

    private FilterExpr ParseFilterTail(Expr? value)
    {
        var nameToken = ExpectName();
        var name = nameToken.Value;
        while (Current.IsOp("."))
        {
            _p++;
            name += "." + ExpectName().Value;
        }

        var args = Current.IsOp("(") ? ParseCallArgs() : CallArgs.Empty;
        return new FilterExpr(nameToken.Pos, value, name, args);
    }

    private TestExpr ParseTest(Expr value)
    {
        _p++; // 'is'
        var negated = SkipName("not");
        var nameToken = ExpectName();
        var name = nameToken.Value;
        while (Current.IsOp("."))
        {
            _p++;
            name += "." + ExpectName().Value;
        }

        CallArgs args;
        if (Current.IsOp("("))
        {
            args = ParseCallArgs();
        }
        else if ((Current.Kind is TokenKind.Name or TokenKind.String or TokenKind.Integer or TokenKind.Float
                  || Current.IsOp("[") || Current.IsOp("{"))
                 && !(Current.Kind == TokenKind.Name && Current.Value is "else" or "or" or "and"))
        {
            // Jinja's parse_test: any other name starts the test's one argument ("is divisibleby 3", "is sameas none"),
            // so "is odd if c" reads "if" as that argument, and a second "is" is an error.
            if (Current.IsName("is"))
            {
                throw Error("You cannot chain multiple tests with is", Current);
            }

            var arg = ParsePostfix(ParsePrimary());
            args = new CallArgs([arg], [], null, null);
        }
        else
        {
            args = CallArgs.Empty;
        }

        return new TestExpr(nameToken.Pos, value, name, args, negated);
    }
}
