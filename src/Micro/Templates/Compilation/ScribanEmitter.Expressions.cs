using Micro.Templates.Runtime;
using Micro.Templates.Syntax;

namespace Micro.Templates.Compilation;

/// <content>Expressions: validated at compile time, then each one becomes a single Scriban node.</content>
internal sealed partial class ScribanEmitter
{
    // Checks an expression at compile time (unknown filters and tests are errors, as in Jinja) and
    // records the names and filters it uses for the output cache's purity analysis.
    // select/reject/selectattr/rejectattr call a test by name: note it, or "sameas" when the name is computed
    // (the output cache must know whether a template can test identity).
    private void NoteTestByName(FilterExpr f)
    {
        var at = f.Name switch { "select" or "reject" => 0, "selectattr" or "rejectattr" => 1, _ => -1 };
        if (at < 0)
        {
            return;
        }

        if (f.Args.Star is not null || f.Args.DoubleStar is not null)
        {
            _program.Tests.Add("sameas");
        }
        else if (at < f.Args.Positional.Count)
        {
            _program.Tests.Add(f.Args.Positional[at] is ConstExpr { Value: string test } ? test : "sameas");
        }
    }

    private void Validate(Expr? e)
    {
        if (e is not null)
        {
            Guard(e.Pos);
        }

        switch (e)
        {
            case null or ConstExpr or MacroRefExpr or BlockRefExpr:
                return;
            case NameExpr n:
                if (n.Name != CapturedName)
                {
                    _program.Names.Add(n.Name);
                }

                return;
            case ListExpr l:
                l.Items.ToList().ForEach(Validate);
                return;
            case TupleExpr t:
                t.Items.ToList().ForEach(Validate);
                return;
            case DictExpr d:
                foreach (var (k, v) in d.Pairs)
                {
                    Validate(k);
                    Validate(v);
                }

                return;
            case GetattrExpr g:
                Validate(g.Target);
                return;
            case GetitemExpr gi:
                Validate(gi.Target);
                if (gi.Key is SliceExpr s)
                {
                    Validate(s.Start);
                    Validate(s.Stop);
                    Validate(s.Step);
                }
                else
                {
                    Validate(gi.Key);
                }

                return;
            case SliceExpr slice:
                throw Error("A slice is only allowed inside [ ].", slice.Pos);
            case CallExpr c:
                Validate(c.Callee);
                ValidateArgs(c.Args);
                return;
            case FilterExpr f:
                if (!_hasFilter(f.Name) && !_soft)
                {
                    throw Error($"No filter named '{f.Name}'.", f.Pos);
                }

                _program.Filters.Add(f.Name);
                NoteTestByName(f);
                Validate(f.Value);
                ValidateArgs(f.Args);
                return;
            case TestExpr t:
                if (!_hasTest(t.Name) && !_soft)
                {
                    throw Error($"No test named '{t.Name}'.", t.Pos);
                }

                _program.Tests.Add(t.Name);
                Validate(t.Value);
                ValidateArgs(t.Args);
                return;
            case BinaryExpr b:
                Validate(b.Left);
                Validate(b.Right);
                return;
            case UnaryExpr u:
                Validate(u.Operand);
                return;
            case CondExpr c:
                {
                    var soft = _soft;
                    _soft = true;
                    Validate(c.Test);
                    Validate(c.Then);
                    Validate(c.Else);
                    _soft = soft;
                    return;
                }

            default:
                throw Error($"Unsupported expression {e.GetType().Name}.", e.Pos);
        }
    }

    // Inside an `if` (its tests and bodies) or an inline `a if b else c`, an unknown filter or test is an error only
    // when the expression runs, as in Jinja 3.1 ("soft" frames); elsewhere (the top level, loop bodies, macros, blocks,
    // filter blocks) it is an error when the template compiles.
    private bool _soft;

    // Runs `emit` with unknown filters and tests deferred to run time (soft) or not.
    private T Soft<T>(bool soft, Func<T> emit)
    {
        var saved = _soft;
        _soft = soft;
        try
        {
            return emit();
        }
        finally
        {
            _soft = saved;
        }
    }

    private void ValidateArgs(CallArgs args)
    {
        args.Positional.ToList().ForEach(Validate);
        foreach (var (_, v) in args.Keywords)
        {
            Validate(v);
        }

        Validate(args.Star);
        Validate(args.DoubleStar);
    }

    /// <summary>The frame variable holding a captured body while its filters run; not a Jinja identifier.</summary>
    private const string CapturedName = "(captured)";

    // Applies a filter chain to the captured body stored under CapturedName.
    private Expr FilterCaptured(IReadOnlyList<FilterExpr> filters, SourcePos pos)
    {
        Expr value = new NameExpr(pos, CapturedName);
        foreach (var f in filters)
        {
            value = f with { Value = value };
        }

        return value;
    }

    // Each Jinja expression becomes one Scriban node evaluating the Jinja tree (see ExprEvaluator).
    private JinjaExprNode ExprNode(Expr e)
    {
        Validate(e);
        return new JinjaExprNode(Resolve(e), _template, MarkupConcatHere);
    }

    // super() and self.name() become references to the statically known block chain.
    private Expr Resolve(Expr e) => Guard(e.Pos) ? e : e switch
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

    private void CollectNames(IEnumerable<Stmt> body, HashSet<string> names)
    {
        foreach (var s in body)
        {
            Guard(s.Pos);
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
        DoStmt d => [d.Value],
        _ => [],
    };

    private static IEnumerable<IReadOnlyList<Stmt>> StmtBodies(Stmt s) => s switch
    {
        BlockStmt b => [b.Body],
        SetBlockStmt sb => [sb.Body],
        CallBlockStmt cb => [cb.Body],
        _ => Children(s),
    };

    private void CollectExprNames(Expr? e, HashSet<string> names)
    {
        if (e is not null)
        {
            Guard(e.Pos);
        }

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

    private void CollectArgs(CallArgs args, HashSet<string> names)
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
