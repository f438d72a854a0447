using System.Globalization;
using System.Text;
using Micro.Templates.Syntax;

namespace Micro.Templates.Compilation;

/// <content>Expressions: each becomes a call into the Jinja runtime; and/or/if are lazy via Scriban's ternary.</content>
internal sealed partial class ScribanEmitter
{
    private string ExprText(Expr e)
    {
        switch (e)
        {
            case ConstExpr c:
                return Const(c.Value);
            case NameExpr n:
                _program.Names.Add(n.Name);
                return $"{_w.Frame}[{ScribanWriter.Quote(n.Name)}]";
            case ListExpr l:
                return $"j_list({string.Join(", ", l.Items.Select(Expr))})";
            case TupleExpr t:
                return $"j_tuple({string.Join(", ", t.Items.Select(Expr))})";
            case DictExpr d:
                return $"j_dict({string.Join(", ", d.Pairs.Select(p => ExprText(p.Key) + ", " + ExprText(p.Value)))})";
            case GetattrExpr g:
                {
                    var target = ExprText(g.Target);
                    _w.Mark(g.Pos);
                    return $"j_ga({target}, {ScribanWriter.Quote(g.Name)})";
                }

            case GetitemExpr gi:
                {
                    var target = ExprText(gi.Target);
                    if (gi.Key is SliceExpr s)
                    {
                        var parts = $"{Opt(s.Start)}, {Opt(s.Stop)}, {Opt(s.Step)}";
                        _w.Mark(gi.Pos);
                        return $"j_slice({target}, {parts})";
                    }

                    var key = ExprText(gi.Key);
                    _w.Mark(gi.Pos);
                    return $"j_gi({target}, {key})";
                }

            case CallExpr call:
                return Call(call);
            case FilterExpr f:
                return Filter(f, ExprText(f.Value!));
            case TestExpr t:
                {
                    if (!_hasTest(t.Name))
                    {
                        throw Error($"No test named '{t.Name}'.", t.Pos);
                    }

                    var value = ExprText(t.Value);
                    var args = CallArguments(t.Args, null);
                    _w.Mark(t.Pos);
                    var test = $"j_test({ScribanWriter.Quote(t.Name)}, {value}{args})";
                    return t.Negated ? $"j_not({test})" : test;
                }

            case BinaryExpr b:
                {
                    var left = ExprText(b.Left);
                    var right = ExprText(b.Right);
                    _w.Mark(b.Pos);
                    return b.Op switch
                    {
                        "and" => $"(j_fk({left}) ? j_last() : {right})",
                        "or" => $"(j_tk({left}) ? j_last() : {right})",
                        "+" => $"j_add({left}, {right})",
                        "-" => $"j_sub({left}, {right})",
                        "*" => $"j_mul({left}, {right})",
                        "/" => $"j_div({left}, {right})",
                        "//" => $"j_fdiv({left}, {right})",
                        "%" => $"j_mod({left}, {right})",
                        "**" => $"j_pow({left}, {right})",
                        "~" => $"j_cat({left}, {right})",
                        "==" => $"j_eq({left}, {right})",
                        "!=" => $"j_not(j_eq({left}, {right}))",
                        "<" => $"j_lt({left}, {right})",
                        ">" => $"j_lt({right}, {left})",
                        "<=" => $"j_le({left}, {right})",
                        ">=" => $"j_le({right}, {left})",
                        "in" => $"j_in({left}, {right})",
                        "not in" => $"j_not(j_in({left}, {right}))",
                        _ => throw Error($"Unknown operator {b.Op}", b.Pos),
                    };
                }

            case UnaryExpr u:
                {
                    var operand = ExprText(u.Operand);
                    _w.Mark(u.Pos);
                    return u.Op switch
                    {
                        "not" => $"j_not({operand})",
                        "-" => $"j_neg({operand})",
                        _ => $"j_pos({operand})",
                    };
                }

            case CondExpr c:
                return $"(j_b({ExprText(c.Test)}) ? {ExprText(c.Then)} : {(c.Else is null ? "j_undef()" : ExprText(c.Else))})";
            case SliceExpr s:
                throw Error("A slice is only allowed inside [ ].", s.Pos);
            case MacroRefExpr or BlockRefExpr:
                return "null";
            default:
                throw Error($"Unsupported expression {e.GetType().Name}.", e.Pos);
        }
    }

    // Each Jinja expression becomes one Scriban node (see ExprEvaluator); ExprText still walks it to
    // validate filters and tests at compile time and to record the names it reads.
    private string Expr(Expr e) => ExprNode("j_x", e);

    private string ExprNode(string helper, Expr e)
    {
        ExprText(e);
        _program.Expressions.Add(new(Resolve(e), _w.Template));
        _w.Mark(e.Pos);
        return $"{helper}({Int(_program.Expressions.Count - 1)}, {_w.Frame})";
    }

    // super() and self.name() become references to the statically known block chain.
    private Expr Resolve(Expr e) => e switch
    {
        CallExpr { Callee: NameExpr { Name: "super" }, Args.Positional.Count: 0 } c when _block is { } blk => new BlockRefExpr(c.Pos, blk.Name, blk.Level + 1),
        CallExpr { Callee: GetattrExpr { Target: NameExpr { Name: "self" }, Name: var name }, Args.Positional.Count: 0 } c => new BlockRefExpr(c.Pos, name, 0),
        CallExpr c => c with { Callee = Resolve(c.Callee), Args = ResolveArgs(c.Args) },
        FilterExpr f => f with { Value = f.Value is null ? null : Resolve(f.Value), Args = ResolveArgs(f.Args) },
        TestExpr t => t with { Value = Resolve(t.Value), Args = ResolveArgs(t.Args) },
        BinaryExpr b => b with { Left = Resolve(b.Left), Right = Resolve(b.Right) },
        UnaryExpr u => u with { Operand = Resolve(u.Operand) },
        CondExpr c => c with { Test = Resolve(c.Test), Then = Resolve(c.Then), Else = c.Else is null ? null : Resolve(c.Else) },
        GetattrExpr g => g with { Target = Resolve(g.Target) },
        GetitemExpr g => g with { Target = Resolve(g.Target), Key = Resolve(g.Key) },
        SliceExpr s => s with { Start = s.Start is null ? null : Resolve(s.Start), Stop = s.Stop is null ? null : Resolve(s.Stop), Step = s.Step is null ? null : Resolve(s.Step) },
        ListExpr l => l with { Items = l.Items.Select(Resolve).ToList() },
        TupleExpr t => t with { Items = t.Items.Select(Resolve).ToList() },
        DictExpr d => d with { Pairs = d.Pairs.Select(p => new KeyValuePair<Expr, Expr>(Resolve(p.Key), Resolve(p.Value))).ToList() },
        _ => e,
    };

    private CallArgs ResolveArgs(CallArgs a) => a == CallArgs.Empty ? a : new CallArgs(
        a.Positional.Select(Resolve).ToList(),
        a.Keywords.Select(k => new KeyValuePair<string, Expr>(k.Key, Resolve(k.Value))).ToList(),
        a.Star is null ? null : Resolve(a.Star),
        a.DoubleStar is null ? null : Resolve(a.DoubleStar));

    private string Opt(Expr? e) => e is null ? "null" : ExprText(e);

    private string Call(CallExpr call)
    {
        // super() and self.name() resolve against the statically known block chain.
        if (call.Callee is NameExpr { Name: "super" } && _block is { } blk && call.Args.Positional.Count == 0)
        {
            _w.Mark(call.Pos);
            return $"j_block({ScribanWriter.Quote(blk.Name)}, {Int(blk.Level + 1)}, null)";
        }

        if (call.Callee is GetattrExpr { Target: NameExpr { Name: "self" }, Name: var blockName } && call.Args.Positional.Count == 0)
        {
            _w.Mark(call.Pos);
            return $"j_block({ScribanWriter.Quote(blockName)}, 0, null)";
        }

        var callee = ExprText(call.Callee);
        var args = CallArguments(call.Args, null);
        _w.Mark(call.Pos);
        return $"j_call({callee}{args})";
    }

    // Positional arguments, then "j_kw, name, value" triples, then "j_star, x" and "j_dstar, y".
    private string CallArguments(CallArgs args, string? extra)
    {
        var sb = new StringBuilder();
        foreach (var p in args.Positional)
        {
            sb.Append(", ").Append(ExprText(p));
        }

        foreach (var (name, value) in args.Keywords)
        {
            sb.Append(", j_kw, ").Append(ScribanWriter.Quote(name)).Append(", ").Append(ExprText(value));
        }

        if (args.Star is not null)
        {
            sb.Append(", j_star, ").Append(ExprText(args.Star));
        }

        if (args.DoubleStar is not null)
        {
            sb.Append(", j_dstar, ").Append(ExprText(args.DoubleStar));
        }

        if (extra is not null)
        {
            sb.Append(", ").Append(extra);
        }

        return sb.ToString();
    }

    private string Filter(FilterExpr f, string value)
    {
        if (!_hasFilter(f.Name))
        {
            throw Error($"No filter named '{f.Name}'.", f.Pos);
        }

        _program.Filters.Add(f.Name);
        var args = CallArguments(f.Args, null);
        _w.Mark(f.Pos);
        return $"j_filter({ScribanWriter.Quote(f.Name)}, {value}{args})";
    }

    private static string Const(object? value) => value switch
    {
        null => "null",
        true => "true",
        false => "false",
        long l when l is >= 0 and <= int.MaxValue => l.ToString(CultureInfo.InvariantCulture),
        long l => $"j_long({ScribanWriter.Quote(l.ToString(CultureInfo.InvariantCulture))})",
        double d => $"j_float({ScribanWriter.Quote(d.ToString("R", CultureInfo.InvariantCulture))})",
        string s => ScribanWriter.Quote(s),
        _ => throw new InvalidOperationException("Unexpected constant " + value.GetType()),
    };

    private static void CollectNames(IEnumerable<Stmt> body, HashSet<string> names)
    {
        foreach (var s in body)
        {
            foreach (var e in StmtExprs(s))
            {
                CollectExprNames(e, names);
            }

            foreach (var child in StmtBodies(s))
            {
                CollectNames(child, names);
            }
        }
    }

    private static IEnumerable<Expr> StmtExprs(Stmt s) => s switch
    {
        OutputStmt o => [o.Value],
        IfStmt i => i.Branches.Select(b => b.Key),
        ForStmt f => f.Filter is null ? [f.Iter] : [f.Iter, f.Filter],
        SetStmt set => [set.Value, set.Target],
        SetBlockStmt sb => sb.Filters,
        IncludeStmt inc => [inc.Template],
        CallBlockStmt cb => [cb.Call],
        FilterBlockStmt fb => fb.Filters,
        WithStmt w => w.Assignments.Select(a => a.Value),
        MacroStmt m => m.Params.Where(p => p.Default is not null).Select(p => p.Default!),
        _ => [],
    };

    private static IEnumerable<IReadOnlyList<Stmt>> StmtBodies(Stmt s) => s switch
    {
        BlockStmt b => [b.Body],
        SetBlockStmt sb => [sb.Body],
        CallBlockStmt cb => [cb.Body],
        _ => Children(s),
    };

    private static void CollectExprNames(Expr? e, HashSet<string> names)
    {
        switch (e)
        {
            case null: return;
            case NameExpr n: names.Add(n.Name); return;
            case ListExpr l: foreach (var i in l.Items) { CollectExprNames(i, names); } return;
            case TupleExpr t: foreach (var i in t.Items) { CollectExprNames(i, names); } return;
            case DictExpr d: foreach (var (k, v) in d.Pairs) { CollectExprNames(k, names); CollectExprNames(v, names); } return;
            case GetattrExpr g: CollectExprNames(g.Target, names); return;
            case GetitemExpr gi: CollectExprNames(gi.Target, names); CollectExprNames(gi.Key, names); return;
            case SliceExpr s: CollectExprNames(s.Start, names); CollectExprNames(s.Stop, names); CollectExprNames(s.Step, names); return;
            case CallExpr c: CollectExprNames(c.Callee, names); CollectArgs(c.Args, names); return;
            case FilterExpr f: CollectExprNames(f.Value, names); CollectArgs(f.Args, names); return;
            case TestExpr t: CollectExprNames(t.Value, names); CollectArgs(t.Args, names); return;
            case BinaryExpr b: CollectExprNames(b.Left, names); CollectExprNames(b.Right, names); return;
            case UnaryExpr u: CollectExprNames(u.Operand, names); return;
            case CondExpr c: CollectExprNames(c.Test, names); CollectExprNames(c.Then, names); CollectExprNames(c.Else, names); return;
            default: return;
        }
    }

    private static void CollectArgs(CallArgs args, HashSet<string> names)
    {
        foreach (var p in args.Positional)
        {
            CollectExprNames(p, names);
        }

        foreach (var (_, v) in args.Keywords)
        {
            CollectExprNames(v, names);
        }

        CollectExprNames(args.Star, names);
        CollectExprNames(args.DoubleStar, names);
    }
}
