using Micro.Templates.Compilation;
using Micro.Templates.Syntax;

namespace Micro.Templates.Runtime;

/// <summary>
/// Evaluates a Jinja expression tree against a frame. Generated Scriban code runs the statements
/// (loops, conditionals, captures, functions, output); each Jinja expression is one Scriban node that
/// lands here, so an expression costs one Scriban node instead of one per operator.
/// </summary>
internal static class ExprEvaluator
{
    /// <summary>Evaluates <paramref name="e"/>, the root of an expression (<paramref name="depth"/> 0) or a node below it.</summary>
    public static object? Eval(RenderContext c, Frame f, Expr e, int depth)
    {
        // The parser bounds an expression's depth; this bounds what it may cost on a stack that was already deep
        // (a macro called in an expression of a macro called in ...), every few levels (see StackGuard).
        if ((depth & (StackGuard.CheckEvery - 1)) == StackGuard.CheckEvery - 1)
        {
            StackGuard.Ensure("the expression");
        }

        var d = depth + 1;
        switch (e)
        {
            case ConstExpr k:
                return k.Value;
            case NameExpr n:
                return f.Get(n.Name);
            case GetattrExpr g:
                {
                    var target = Eval(c, f, g.Target, d);
                    c.ErrorPos = g.Pos;
                    return PyAccess.GetAttr(target, g.Name, g.Site);
                }

            case GetitemExpr gi:
                {
                    var target = Eval(c, f, gi.Target, d);
                    if (gi.Key is SliceExpr s)
                    {
                        var start = Opt(c, f, s.Start, d);
                        var stop = Opt(c, f, s.Stop, d);
                        var step = Opt(c, f, s.Step, d);
                        c.ErrorPos = gi.Pos;
                        return PyAccess.Slice(target, start, stop, step);
                    }

                    var key = Eval(c, f, gi.Key, d);
                    c.ErrorPos = gi.Pos;
                    return PyAccess.GetItem(target, key);
                }

            case BinaryExpr b:
                return Binary(c, f, b, d);
            case UnaryExpr u:
                {
                    var v = Eval(c, f, u.Operand, d);
                    c.ErrorPos = u.Pos;
                    return u.Op switch
                    {
                        "not" => !PyOps.Truthy(v),
                        "-" => PyOps.Neg(v),
                        _ => PyOps.Pos(v),
                    };
                }

            case CondExpr ce:
                return PyOps.Truthy(Eval(c, f, ce.Test, d)) ? Eval(c, f, ce.Then, d) : ce.Else is null ? Undefined.Instance : Eval(c, f, ce.Else, d);
            case FilterExpr fe:
                {
                    var value = Eval(c, f, fe.Value!, d);
                    var args = Args(c, f, fe.Args, d);
                    c.ErrorPos = fe.Pos;
                    return c.Engine.Filters.TryGetValue(fe.Name, out var filter) ? filter(c, value, args) : throw new JinjaRuntimeException($"No filter named '{fe.Name}' found.");
                }

            case TestExpr te:
                {
                    var value = Eval(c, f, te.Value, d);
                    var args = Args(c, f, te.Args, d);
                    c.ErrorPos = te.Pos;
                    var result = c.Engine.Tests.TryGetValue(te.Name, out var test) ? test(c, value, args) : throw new JinjaRuntimeException($"No test named '{te.Name}' found.");
                    return result != te.Negated;
                }

            case CallExpr call:
                {
                    var callee = Eval(c, f, call.Callee, d);
                    var args = Args(c, f, call.Args, d);
                    c.ErrorPos = call.Pos;
                    return JinjaRuntime.Call(c, callee, args);
                }

            case ListExpr l:
                {
                    var list = new List<object?>(l.Items.Count);
                    foreach (var item in l.Items)
                    {
                        list.Add(Eval(c, f, item, d));
                    }

                    return list;
                }

            case TupleExpr t:
                {
                    var items = new object?[t.Items.Count];
                    for (var i = 0; i < items.Length; i++)
                    {
                        items[i] = Eval(c, f, t.Items[i], d);
                    }

                    return new PyTuple(items);
                }

            case DictExpr dictExpr:
                {
                    var dict = new Dictionary<object, object?>();
                    foreach (var (k, v) in dictExpr.Pairs)
                    {
                        var key = Eval(c, f, k, d);
                        c.ErrorPos = k.Pos;
                        dict[key ?? throw new JinjaRuntimeException("None is not supported as a dict key")] = Eval(c, f, v, d);
                    }

                    return dict;
                }

            case BlockRefExpr br:
                {
                    var (program, root) = c.Current;
                    c.ErrorPos = br.Pos;
                    if (c.Blocks is { } table)
                    {
                        return Inheritance.Reference(c, table, br, f, root);
                    }

                    if (!program.Blocks.TryGetValue(br.Name, out var chain) || br.Level >= chain.Count)
                    {
                        throw new JinjaRuntimeException(br.Level > 0 ? $"there is no parent block called '{br.Name}'." : $"no block called '{br.Name}'");
                    }

                    // super() renders the parent block in the current scope (so scoped blocks pass their loop
                    // variables on); self.name() renders from the top-level context.
                    return c.Invoke(program.Functions[chain[br.Level]], program, root, new BlockCall(br.Level > 0 ? f : root));
                }

            case MacroRefExpr mr:
                {
                    var program = c.Current.Program;
                    return new Macro(program.Functions[mr.Index], program, f) { Eval = c.Eval };
                }

            default:
                throw new JinjaRuntimeException($"Unsupported expression {e.GetType().Name}.");
        }
    }

    private static object? Opt(RenderContext c, Frame f, Expr? e, int d) => e is null ? null : Eval(c, f, e, d);

    private static object? Binary(RenderContext c, Frame f, BinaryExpr b, int d)
    {
        var left = Eval(c, f, b.Left, d);
        switch (b.Op)
        {
            case "and":
                return PyOps.Truthy(left) ? Eval(c, f, b.Right, d) : left;
            case "or":
                return PyOps.Truthy(left) ? left : Eval(c, f, b.Right, d);
        }

        var right = Eval(c, f, b.Right, d);
        c.ErrorPos = b.Pos;
        return b.Op switch
        {
            "+" => PyOps.Add(left, right),
            "-" => PyOps.Sub(left, right),
            "*" => PyOps.Mul(left, right),
            "/" => PyOps.Div(left, right),
            "//" => PyOps.FloorDiv(left, right),
            "%" => PyOps.Mod(left, right),
            "**" => PyOps.Pow(left, right),
            "~" => PyOps.Concat(left, right, c.MarkupConcat),
            "==" => PyOps.Equals(left, right),
            "!=" => !PyOps.Equals(left, right),
            "<" => PyOps.Compare(left, right, "<") < 0,
            ">" => PyOps.Compare(left, right, ">") > 0,
            "<=" => PyOps.Compare(left, right, "<=") <= 0,
            ">=" => PyOps.Compare(left, right, ">=") >= 0,
            "in" => PyOps.Contains(right, left),
            "not in" => !PyOps.Contains(right, left),
            _ => throw new JinjaRuntimeException($"Unknown operator {b.Op}"),
        };
    }

    private static Arguments Args(RenderContext c, Frame f, CallArgs a, int d)
    {
        if (a.Positional.Count == 0 && a.Keywords.Count == 0 && a.Star is null && a.DoubleStar is null)
        {
            return Arguments.None;
        }

        var args = new Arguments();
        foreach (var p in a.Positional)
        {
            args.Positional.Add(Eval(c, f, p, d));
        }

        if (a.Star is not null)
        {
            args.Positional.AddRange(PyOps.Iterate(Eval(c, f, a.Star, d)));
        }

        foreach (var (k, v) in a.Keywords)
        {
            args.Keywords.Add(new(k, Eval(c, f, v, d)));
        }

        if (a.DoubleStar is not null)
        {
            foreach (var (k, v) in PyAccess.AsMapping(Eval(c, f, a.DoubleStar, d)) ?? [])
            {
                args.Keywords.Add(new(PyOps.Str(k), v));
            }
        }

        return args;
    }
}
