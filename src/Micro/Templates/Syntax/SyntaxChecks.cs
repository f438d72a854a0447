namespace Micro.Templates.Syntax;

/// <summary>
/// The checks Jinja's compiler makes on a whole parsed template, after every syntax error has had its chance:
/// no <c>for</c> assigns to <c>loop</c>; a macro or call block whose body uses <c>caller</c> gives a <c>caller</c>
/// parameter a default; then what Python rejects in the code Jinja generates: <c>{% break %}</c> and
/// <c>{% continue %}</c> outside a loop of their own function, a parameter named twice.
/// </summary>
internal static class SyntaxChecks
{
    /// <summary>Throws a <see cref="TemplateException"/> at the first violation, in the order Jinja finds them.</summary>
    public static void Validate(TemplateSyntax syntax)
    {
        CheckTargetsAndCallers(syntax.Name, syntax.Body);
        CheckGeneratedCode(syntax.Name, syntax.Body, inLoop: false);
    }

    private enum Ctx
    {
        Load,
        Store,
        Param,
    }

    // One name met while walking, in Jinja's field order; return false to stop the walk.
    private delegate bool NameVisitor(string name, Ctx ctx, SourcePos pos);

    private static void CheckTargetsAndCallers(string template, IReadOnlyList<Stmt> body)
    {
        foreach (var s in body)
        {
            switch (s)
            {
                case ForStmt f:
                    {
                        // Jinja: any name stored anywhere in the loop (target, body, else) may not be "loop".
                        SourcePos? bad = null;
                        WalkStmt(f, intoBlocks: true, (name, ctx, pos) =>
                        {
                            if (ctx == Ctx.Store && name == "loop")
                            {
                                bad = pos;
                                return false;
                            }

                            return true;
                        });
                        if (bad is { } p)
                        {
                            throw new TemplateException("Can't assign to special loop variable in for-loop target", template, p.Line, p.Column);
                        }

                        break;
                    }

                case MacroStmt m:
                    CheckCaller(template, m.Pos, m.Params, m.Body);
                    break;
                case CallBlockStmt c:
                    CheckCaller(template, c.Pos, c.Params, c.Body);
                    break;
            }

            foreach (var child in ChildBodies(s))
            {
                CheckTargetsAndCallers(template, child);
            }
        }
    }

    // Jinja's macro_body: when the body reads "caller" before any assignment to it (blocks not looked into), an
    // explicit "caller" parameter needs a default.
    private static void CheckCaller(string template, SourcePos at, IReadOnlyList<MacroParam> ps, IReadOnlyList<Stmt> body)
    {
        var explicitCaller = ps.FirstOrDefault(p => p.Name == "caller");
        if (explicitCaller is null || explicitCaller.Default is not null)
        {
            return;
        }

        var reads = false;
        WalkBody(body, intoBlocks: false, (name, ctx, _) =>
        {
            if (name != "caller")
            {
                return true;
            }

            reads = ctx == Ctx.Load;
            return false;
        });
        if (reads)
        {
            throw new TemplateException(
                "When defining macros or call blocks the special \"caller\" argument must be omitted or be given a default.", template, at.Line, at.Column);
        }
    }

    // Python's rules for the code Jinja generates: a for body is a loop; its else is not; a macro, a call block's
    // body and a block are functions of their own, whose parameters are named once each.
    private static void CheckGeneratedCode(string template, IReadOnlyList<Stmt> body, bool inLoop)
    {
        foreach (var s in body)
        {
            if (s is MacroStmt or CallBlockStmt)
            {
                var ps = s is MacroStmt m ? m.Params : ((CallBlockStmt)s).Params;
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var p in ps)
                {
                    if (!seen.Add(p.Name))
                    {
                        throw new TemplateException($"duplicate argument '{p.Name}' in function definition", template, p.Pos.Line, p.Pos.Column);
                    }
                }
            }

            switch (s)
            {
                case BreakStmt when !inLoop:
                    throw new TemplateException("'break' outside loop", template, s.Pos.Line, s.Pos.Column);
                case ContinueStmt when !inLoop:
                    throw new TemplateException("'continue' not properly in loop", template, s.Pos.Line, s.Pos.Column);
                case ForStmt f:
                    CheckGeneratedCode(template, f.Body, inLoop: true);
                    if (f.Else is not null)
                    {
                        CheckGeneratedCode(template, f.Else, inLoop);
                    }

                    break;
                case MacroStmt or CallBlockStmt or BlockStmt:
                    foreach (var child in ChildBodies(s))
                    {
                        CheckGeneratedCode(template, child, inLoop: false);
                    }

                    break;
                default:
                    foreach (var child in ChildBodies(s))
                    {
                        CheckGeneratedCode(template, child, inLoop);
                    }

                    break;
            }
        }
    }

    private static IEnumerable<IReadOnlyList<Stmt>> ChildBodies(Stmt s)
    {
        switch (s)
        {
            case IfStmt i:
                foreach (var (_, b) in i.Branches)
                {
                    yield return b;
                }

                if (i.Else is not null)
                {
                    yield return i.Else;
                }

                break;
            case ForStmt f:
                yield return f.Body;
                if (f.Else is not null)
                {
                    yield return f.Else;
                }

                break;
            case BlockStmt b: yield return b.Body; break;
            case MacroStmt m: yield return m.Body; break;
            case CallBlockStmt c: yield return c.Body; break;
            case SetBlockStmt sb: yield return sb.Body; break;
            case FilterBlockStmt fb: yield return fb.Body; break;
            case WithStmt w: yield return w.Body; break;
            case AutoescapeStmt a: yield return a.Body; break;
        }
    }

    private static bool WalkBody(IReadOnlyList<Stmt> body, bool intoBlocks, NameVisitor visit)
    {
        foreach (var s in body)
        {
            if (!WalkStmt(s, intoBlocks, visit))
            {
                return false;
            }
        }

        return true;
    }

    // The names of one statement in the order of Jinja's node fields (For: target, iter, body, else, test; With:
    // targets, values, body; Macro: params, defaults, body; CallBlock: call, params, defaults, body; FilterBlock:
    // body, filter).
    private static bool WalkStmt(Stmt s, bool intoBlocks, NameVisitor visit) => s switch
    {
        OutputStmt o => WalkExpr(o.Value, visit),
        IfStmt i => i.Branches.All(b => WalkExpr(b.Key, visit) && WalkBody(b.Value, intoBlocks, visit))
                    && (i.Else is null || WalkBody(i.Else, intoBlocks, visit)),
        ForStmt f => WalkTarget(f.Target, Ctx.Store, visit) && WalkExpr(f.Iter, visit) && WalkBody(f.Body, intoBlocks, visit)
                     && (f.Else is null || WalkBody(f.Else, intoBlocks, visit)) && (f.Filter is null || WalkExpr(f.Filter, visit)),
        SetStmt set => WalkTarget(set.Target, Ctx.Store, visit) && WalkExpr(set.Value, visit),
        SetBlockStmt sb => WalkTarget(sb.Target, Ctx.Store, visit) && sb.Filters.All(x => WalkExpr(x, visit)) && WalkBody(sb.Body, intoBlocks, visit),
        BlockStmt b => !intoBlocks || WalkBody(b.Body, intoBlocks, visit),
        ExtendsStmt e => WalkExpr(e.Template, visit),
        IncludeStmt inc => WalkExpr(inc.Template, visit),
        ImportStmt imp => WalkExpr(imp.Template, visit),
        FromImportStmt from => WalkExpr(from.Template, visit),
        MacroStmt m => WalkParams(m.Params, visit) && WalkBody(m.Body, intoBlocks, visit),
        CallBlockStmt c => WalkExpr(c.Call, visit) && WalkParams(c.Params, visit) && WalkBody(c.Body, intoBlocks, visit),
        FilterBlockStmt fb => WalkBody(fb.Body, intoBlocks, visit) && fb.Filters.All(x => WalkExpr(x, visit)),
        WithStmt w => w.Assignments.All(a => WalkTarget(a.Key, Ctx.Param, visit)) && w.Assignments.All(a => WalkExpr(a.Value, visit))
                      && WalkBody(w.Body, intoBlocks, visit),
        AutoescapeStmt a => WalkExpr(a.Enabled, visit) && WalkBody(a.Body, intoBlocks, visit),
        DoStmt d => WalkExpr(d.Value, visit),
        _ => true,
    };

    private static bool WalkParams(IReadOnlyList<MacroParam> ps, NameVisitor visit) =>
        ps.All(p => visit(p.Name, Ctx.Param, p.Pos)) && ps.All(p => p.Default is null || WalkExpr(p.Default, visit));

    // An assignment target: names and tuples of names are stored; "ns.attr" stores into a namespace, no name.
    private static bool WalkTarget(Expr target, Ctx ctx, NameVisitor visit) => target switch
    {
        NameExpr n => visit(n.Name, ctx, n.Pos),
        TupleExpr t => t.Items.All(i => WalkTarget(i, ctx, visit)),
        _ => true,
    };

    // Every name an expression reads, in order, without recursion (expressions may be hundreds of levels deep).
    private static bool WalkExpr(Expr root, NameVisitor visit)
    {
        var stack = new Stack<Expr>();
        var children = new List<Expr>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var e = stack.Pop();
            if (e is NameExpr n && !visit(n.Name, Ctx.Load, n.Pos))
            {
                return false;
            }

            children.Clear();
            ExprTree.AddChildren(e, children);
            for (var i = children.Count - 1; i >= 0; i--)
            {
                stack.Push(children[i]);
            }
        }

        return true;
    }
}
