using Micro.Templates.Runtime;

namespace Micro.Templates.Syntax;

/// <content>Expressions, with Jinja's precedence (lowest first): inline if, or, and, not, comparisons,
/// + -, ~, * / // %, **, unary - +, then postfix access, filters and tests.</content>
internal sealed partial class JinjaParser
{
    private Expr ParseExpression(bool withCondExpr = true) => CheckTree(withCondExpr ? ParseCondExpr() : ParseOr());

    // A whole expression (not one nested in another): its tree may be no deeper than the evaluator can walk.
    // Loops build left-deep trees (1+1+…, x|e|e|…, a.b.c…, f()()…) without nesting the parser itself.
    private Expr CheckTree(Expr e)
    {
        if (_depth == 0 && ExprTree.TooDeep(e, StackGuard.MaxExpressionDepth) is { } deep)
        {
            throw new TemplateException(TooDeepExpression, _name, deep.Pos.Line, deep.Pos.Column);
        }

        return e;
    }

    private static readonly string TooDeepExpression = $"Expression is nested too deeply (more than {StackGuard.MaxExpressionDepth} levels).";

    // Every recursion of the expression parser passes here: brackets, unary operators, `not`, inline if.
    private void Enter()
    {
        if (++_depth > StackGuard.MaxExpressionDepth)
        {
            _depth = 0;
            throw Error(TooDeepExpression, Current);
        }

        if (!StackGuard.HasRoom())
        {
            _depth = 0;
            throw Error(NoStack, Current);
        }
    }

    // A comma-separated list without brackets is a tuple, as in Python: {% for a, b in x %}, {{ 1, 2 }}.
    private Expr ParseTuple(bool withCondExpr)
    {
        var pos = Current.Pos;
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

            items.Add(ParseExpression(withCondExpr));
            if (Current.IsOp(","))
            {
                isTuple = true;
            }
            else
            {
                break;
            }
        }

        if (!isTuple)
        {
            if (items.Count == 1)
            {
                return items[0];
            }

            throw Error($"Expected an expression, got {Current.Describe()}", Current);
        }

        return CheckTree(new TupleExpr(pos, items));
    }

    // Jinja's is_tuple_end. Its extra end words ("in" after a for target, "recursive" after its iterable) never
    // match in Jinja 3.1 (test_any receives them as one tuple), so a trailing comma before them is an error there
    // and here.
    private bool IsTupleEnd() =>
        Current.Kind is TokenKind.VariableEnd or TokenKind.BlockEnd || Current.IsOp(")");

    private Expr ParseCondExpr()
    {
        var expr = ParseOr();
        while (Current.IsName("if"))
        {
            var pos = Next().Pos;
            var test = ParseOr();
            Expr? otherwise = null;
            if (SkipName("else"))
            {
                // a if b else c if d else …: right-deep.
                Enter();
                otherwise = ParseCondExpr();
                _depth--;
            }

            expr = new CondExpr(pos, test, expr, otherwise);
        }

        return expr;
    }

    private Expr ParseOr()
    {
        var left = ParseAnd();
        while (Current.IsName("or"))
        {
            var pos = Next().Pos;
            left = new BinaryExpr(pos, "or", left, ParseAnd());
        }

        return left;
    }

    private Expr ParseAnd()
    {
        var left = ParseNot();
        while (Current.IsName("and"))
        {
            var pos = Next().Pos;
            left = new BinaryExpr(pos, "and", left, ParseNot());
        }

        return left;
    }

    private Expr ParseNot()
    {
        if (Current.IsName("not"))
        {
            var pos = Next().Pos;
            Enter();
            var operand = ParseNot();
            _depth--;
            return new UnaryExpr(pos, "not", operand);
        }

        return ParseCompare();
    }

    private static readonly string[] CompareOps = ["==", "!=", "<", ">", "<=", ">="];

    private Expr ParseCompare()
    {
        var pos = Current.Pos;
        var left = ParseMath1();
        Expr? result = null;
        while (true)
        {
            string op;
            if (Current.Kind == TokenKind.Operator && Array.IndexOf(CompareOps, Current.Value) >= 0)
            {
                op = Next().Value;
            }
            else if (Current.IsName("in"))
            {
                _p++;
                op = "in";
            }
            else if (Current.IsName("not") && Peek().IsName("in"))
            {
                _p += 2;
                op = "not in";
            }
            else
            {
                break;
            }

            var right = ParseMath1();
            var cmp = new BinaryExpr(pos, op, left, right);

            // a < b < c means (a < b) and (b < c).
            result = result is null ? cmp : new BinaryExpr(pos, "and", result, cmp);
            left = right;
        }

        return result ?? left;
    }

    private Expr ParseMath1()
    {
        var left = ParseConcat();
        while (Current.IsOp("+") || Current.IsOp("-"))
        {
            var t = Next();
            left = new BinaryExpr(t.Pos, t.Value, left, ParseConcat());
        }

        return left;
    }

    private Expr ParseConcat()
    {
        var left = ParseMath2();
        while (Current.IsOp("~"))
        {
            var t = Next();
            left = new BinaryExpr(t.Pos, "~", left, ParseMath2());
        }

        return left;
    }

    private Expr ParseMath2()
    {
        var left = ParsePow();
        while (Current.Kind == TokenKind.Operator && Current.Value is "*" or "/" or "//" or "%")
        {
            var t = Next();
            left = new BinaryExpr(t.Pos, t.Value, left, ParsePow());
        }

        return left;
    }

    private Expr ParsePow()
    {
        var left = ParseUnary(true);
        while (Current.IsOp("**"))
        {
            var t = Next();
            left = new BinaryExpr(t.Pos, "**", left, ParseUnary(true));
        }

        return left;
    }

    // How deep the expression parser has recursed; 0 outside any expression.
    private int _depth;

    private Expr ParseUnary(bool withFilter)
    {
        Enter();
        var e = ParseUnaryCore(withFilter);
        _depth--;
        return e;
    }

    private Expr ParseUnaryCore(bool withFilter)
    {
        Expr node;
        if (Current.IsOp("-") || Current.IsOp("+"))
        {
            var t = Next();
            node = new UnaryExpr(t.Pos, t.Value, ParseUnary(false));
        }
        else
        {
            node = ParsePrimary();
        }

        node = ParsePostfix(node);
        return withFilter ? ParseFilterExpr(node) : node;
    }

    private Expr ParsePrimary()
    {
        var t = Current;
        switch (t.Kind)
        {
            case TokenKind.Name:
                _p++;
                return t.Value switch
                {
                    "true" or "True" => new ConstExpr(t.Pos, true),
                    "false" or "False" => new ConstExpr(t.Pos, false),
                    "none" or "None" => new ConstExpr(t.Pos, null),
                    _ => new NameExpr(t.Pos, t.Value),
                };
            case TokenKind.String:
                _p++;
                var s = (string)t.Literal!;
                while (Current.Kind == TokenKind.String)
                {
                    s += (string)Next().Literal!;
                }

                return new ConstExpr(t.Pos, s);
            case TokenKind.Integer:
            case TokenKind.Float:
                _p++;
                return new ConstExpr(t.Pos, t.Literal);
            case TokenKind.Operator when t.Value == "(":
                {
                    _p++;
                    if (SkipOp(")"))
                    {
                        return new TupleExpr(t.Pos, []);
                    }

                    var inner = ParseTuple(withCondExpr: true);
                    ExpectOp(")");
                    return inner;
                }

            case TokenKind.Operator when t.Value == "[":
                {
                    _p++;
                    var items = new List<Expr>();
                    while (!Current.IsOp("]"))
                    {
                        if (items.Count > 0)
                        {
                            ExpectOp(",");
                            if (Current.IsOp("]"))
                            {
                                break;
                            }
                        }

                        items.Add(ParseExpression());
                    }

                    ExpectOp("]");
                    return new ListExpr(t.Pos, items);
                }

            case TokenKind.Operator when t.Value == "{":
                {
                    _p++;
                    var pairs = new List<KeyValuePair<Expr, Expr>>();
                    while (!Current.IsOp("}"))
                    {
                        if (pairs.Count > 0)
                        {
                            ExpectOp(",");
                            if (Current.IsOp("}"))
                            {
                                break;
                            }
                        }

                        var key = ParseExpression();
                        ExpectOp(":");
                        pairs.Add(new(key, ParseExpression()));
                    }

                    ExpectOp("}");
                    return new DictExpr(t.Pos, pairs);
                }

            default:
                throw Error($"unexpected {t.Describe()}", t);
        }
    }

}
