using Micro.Templates.Runtime;
using Micro.Templates.Syntax;
using Scriban.Syntax;

namespace Micro.Templates.Compilation;

/// <content>Statements: each Jinja tag becomes a Scriban node over runtime frames.</content>
internal sealed partial class ScribanEmitter
{
    /// <summary>The frame variable holding the loop's marker for the body of a recursive loop; not a Jinja identifier.</summary>
    private const string RecursiveItems = "\0iter";

    // How many loops enclose the statement being emitted in its function, and how many loop controls were emitted.
    private int _loopDepth;
    private int _loopControls;

    private ScriptStatement EmitBody(IReadOnlyList<Stmt> body, SourcePos pos)
    {
        var block = new ScriptBlockStatement { Span = JinjaSpan.At(_template, body.Count > 0 ? body[0].Pos : pos) };
        EmitStatements(body, block.Statements);

        // Inside a loop, with loop controls on, a body stops at a {% break %} or {% continue %}.
        return _loopDepth > 0 && _syntax.LoopControls ? new LoopBodyNode([.. block.Statements], block.Span) : block;
    }

    private void EmitStatements(IReadOnlyList<Stmt> body, ScriptList<ScriptStatement> into)
    {
        for (var i = 0; i < body.Count; i++)
        {
            // Data and {{ }} outputs with no tag between them become one node (see OutputRunNode).
            var end = i;
            var outputs = 0;
            // (Not in a volatile autoescape region: there each output asks the template context how to escape.)
            while (!_volatile && end < body.Count && body[end] is TextStmt or OutputStmt)
            {
                outputs += body[end] is OutputStmt ? 1 : 0;
                end++;
            }

            if (outputs == 0)
            {
                if (EmitStmt(body[i]) is { } node)
                {
                    into.Add(node);
                }

                if (_exited)
                {
                    // Jinja compiles nothing after an {% extends %} that always raises, in the same body.
                    _exited = false;
                    return;
                }

                continue;
            }

            if (DropsOutput)
            {
                i = end - 1;
                continue;
            }

            var parts = new List<(string?, Expr?, bool)>();
            for (var k = i; k < end; k++)
            {
                if (body[k] is TextStmt t)
                {
                    parts.Add((t.Text, null, false));
                }
                else
                {
                    var o = (OutputStmt)body[k];
                    Validate(o.Value);
                    parts.Add((null, Resolve(o.Value), _autoescape));
                }
            }

            into.Add(Checked(new OutputRunNode(new OutputRun(_template, [.. parts]), body[i].Pos)));
            i = end - 1;
        }
    }

    // A tag (EmitStmt adds what inheritance needs: the frame its bodies are in, blocks and extends).
    private ScriptStatement EmitTag(Stmt s)
    {
        Guard(s.Pos);
        var template = _template;
        var autoescape = _autoescape;
        switch (s)
        {
            case TextStmt t:
                return new ScriptRawStatement { Text = new ScriptStringSlice(t.Text), Span = JinjaSpan.At(template, t.Pos) };
            case OutputStmt o:
                return Output(ValidateAnd(o.Value), o.Pos);
            case IfStmt i:
                return Soft(true, () => new JinjaIfNode(
                    [.. i.Branches.Select(b => ExprNode(b.Key))],
                    [.. i.Branches.Select(b => EmitBody(b.Value, b.Key.Pos))],
                    i.Else is null ? null : EmitBody(i.Else, i.Pos)));
            case ForStmt f:
                return EmitFor(f);
            case SetStmt set:
                {
                    var value = ExprNode(set.Value);
                    var assign = Assigner(set.Target, set.Pos);
                    return new JinjaTagNode("set", template, set.Pos, c => assign(c, value.Value(c)), value);
                }

            case SetBlockStmt sb:
                {
                    var body = Soft(false, () => EmitBody(sb.Body, sb.Pos));
                    var assign = Assigner(sb.Target, sb.Pos);
                    // Jinja marks what a set block assigns by the template context's autoescape when it runs.
                    if (sb.Filters.Count == 0)
                    {
                        return new JinjaTagNode("set", template, sb.Pos, c =>
                        {
                            var text = c.CaptureBody(body);
                            if (c.Flow == LoopFlow.None)
                            {
                                assign(c, Captured(text, c.Autoescape));
                            }
                        }, body);
                    }

                    var markCaptured = EscapeHere();

                    var filtered = Soft(false, () => ExprNode(FilterCaptured(sb.Filters, sb.Pos)));
                    return new JinjaTagNode("set", template, sb.Pos, c =>
                    {
                        var text = c.CaptureBody(body);
                        if (c.Flow == LoopFlow.None)
                        {
                            // A {% break %} or {% continue %} in the body leaves the tag at once, as in Jinja.
                            c.Frame.Set(CapturedName, Captured(text, markCaptured(c)));
                            var value = filtered.Value(c);
                            assign(c, c.Autoescape ? PyOps.AsMarkup(value) ?? new Markup(PyOps.Str(value)) : value);
                        }
                    }, body, filtered);
                }

            case IncludeStmt inc:
                {
                    NoteReference(inc.Template);
                    var name = ExprNode(inc.Template);
                    var (withContext, ignoreMissing) = (inc.WithContext, inc.IgnoreMissing);
                    // Errors (a missing template) name the template expression, where the name was written.
                    return new JinjaTagNode("include", template, inc.Template.Pos, c => c.WriteValue(JinjaRuntime.Include(c, name.Value(c), withContext ? c.Frame : null, ignoreMissing), autoescape), name);
                }

            case ImportStmt imp:
                {
                    NoteReference(imp.Template);
                    var name = ExprNode(imp.Template);
                    var (alias, withContext) = (imp.Alias, imp.WithContext);
                    return new JinjaTagNode("import", template, imp.Template.Pos, c => c.Frame.Set(alias, JinjaRuntime.Import(c, name.Value(c), withContext ? c.Frame : null)), name);
                }

            case FromImportStmt from:
                {
                    NoteReference(from.Template);
                    var name = ExprNode(from.Template);
                    var (names, withContext) = (from.Names.ToArray(), from.WithContext);
                    return new JinjaTagNode("from", template, from.Template.Pos, c =>
                    {
                        var module = JinjaRuntime.Import(c, name.Value(c), withContext ? c.Frame : null);
                        foreach (var (member, alias) in names)
                        {
                            c.Frame.Set(alias, JinjaRuntime.From(module, member));
                        }
                    }, name);
                }

            case MacroStmt macro:
                {
                    var index = EmitMacroFunction(macro.Name, macro.Params, macro.Body, macro.Pos);
                    var name = macro.Name;
                    return new JinjaTagNode("macro", template, macro.Pos, c =>
                    {
                        var program = c.Current.Program;
                        c.Frame.Set(name, new Macro(program.Functions[index], program, c.Frame) { Eval = c.Eval });
                    });
                }

            case CallBlockStmt call:
                {
                    var index = EmitMacroFunction("caller", call.Params, call.Body, call.Pos);
                    var args = call.Call.Args;
                    var withCaller = new CallArgs(args.Positional, [.. args.Keywords, new("caller", new MacroRefExpr(call.Pos, index))], args.Star, args.DoubleStar);
                    Expr e = call.Call with { Args = withCaller };
                    return Output(ValidateAnd(e), call.Pos);
                }

            case FilterBlockStmt fb:
                {
                    var body = Soft(false, () => EmitBody(fb.Body, fb.Pos));
                    var filtered = Soft(false, () => ExprNode(FilterCaptured(fb.Filters, fb.Pos)));
                    var escape = EscapeHere();
                    return new JinjaTagNode("filter", template, fb.Pos, c =>
                    {
                        var text = c.CaptureBody(body);
                        if (c.Flow == LoopFlow.None)
                        {
                            var on = escape(c);
                            c.Frame.Set(CapturedName, Captured(text, on));
                            c.WriteValue(filtered.Value(c), on);
                        }
                    }, body, filtered);
                }

            case WithStmt with:
                {
                    var values = with.Assignments.Select(a => ExprNode(a.Value)).ToArray();
                    var targets = with.Assignments.Select(a => Assigner(a.Key, with.Pos)).ToArray();
                    var body = Soft(false, () => EmitBody(with.Body, with.Pos));
                    return new JinjaTagNode("with", template, with.Pos, c =>
                    {
                        var evaluated = new object?[values.Length];
                        for (var i = 0; i < values.Length; i++)
                        {
                            evaluated[i] = values[i].Value(c);
                        }

                        var outer = c.Frame;
                        c.Frame = new Frame(outer, null);
                        try
                        {
                            for (var i = 0; i < targets.Length; i++)
                            {
                                targets[i](c, evaluated[i]);
                            }

                            c.RunBody(body, body.Span);
                        }
                        finally
                        {
                            c.Frame = outer;
                        }
                    }, [.. values, body]);
                }

            case BreakStmt or ContinueStmt:
                {
                    // The parser reads these tags only with the extension on, and its checks put them inside a loop body of
                    // the same function (Jinja's messages); this is a guard against an emitter change breaking that.
                    var isBreak = s is BreakStmt;
                    if (_loopDepth == 0)
                    {
                        throw Error(isBreak ? "'break' outside loop" : "'continue' not properly in loop", s.Pos);
                    }

                    _loopControls++;
                    return new LoopControlNode(isBreak ? LoopFlow.Break : LoopFlow.Continue, JinjaSpan.At(template, s.Pos));
                }

            case DoStmt d:
                {
                    var value = ExprNode(d.Value);
                    return new JinjaTagNode("do", template, d.Pos, c => value.Value(c), value);
                }

            case AutoescapeStmt ae:
                return EmitAutoescape(ae);

            default:
                throw Error($"Unsupported statement {s.GetType().Name}.", s.Pos);
        }
    }

    private Expr ValidateAnd(Expr e)
    {
        Validate(e);
        return e;
    }

    // A captured body is Markup where autoescape is on (Jinja marks it safe), else a plain string.
    private static object Captured(string text, bool autoescape) => autoescape ? new Markup(text) : text;

    // What assigning to a target does: a name binds in the current frame, a tuple unpacks, `ns.attr` sets a namespace attribute.
    private Action<RenderContext, object?> Assigner(Expr target, SourcePos pos)
    {
        Guard(pos);
        switch (target)
        {
            case NameExpr n:
                {
                    var name = n.Name;
                    return (c, v) => c.Frame.Set(name, PyOps.Normalize(v));
                }

            case TupleExpr t:
                {
                    var parts = t.Items.Select(i => Assigner(i, pos)).ToArray();
                    return (c, v) =>
                    {
                        var items = JinjaRuntime.Unpack(v, parts.Length);
                        for (var i = 0; i < parts.Length; i++)
                        {
                            parts[i](c, items[i]);
                        }
                    };
                }

            case GetattrExpr g:
                {
                    var owner = ExprNode(g.Target);
                    var (name, template, at) = (g.Name, _template, g.Target.Pos);
                    return (c, v) =>
                    {
                        var target = owner.Value(c);
                        try
                        {
                            JinjaRuntime.SetAttribute(target, name, v);
                        }
                        catch (JinjaRuntimeException e)
                        {
                            // Named where the object assigned to is written (`ns` in `{% set ns.x = 1 %}`).
                            throw JinjaSpan.Position(e, template, at, null);
                        }
                    };
                }

            default:
                throw Error("Can't assign to this expression.", pos);
        }
    }

    private void NoteReference(Expr name)
    {
        if (name is ConstExpr { Value: string s })
        {
            _program.StaticReferences.Add(s);
        }
        else if (name is ListExpr or TupleExpr && ((name as ListExpr)?.Items ?? ((TupleExpr)name).Items) is var items && items.All(i => i is ConstExpr { Value: string }))
        {
            foreach (var i in items)
            {
                _program.StaticReferences.Add((string)((ConstExpr)i).Value!);
            }
        }
        else
        {
            _program.HasDynamicReferences = true;
        }
    }

    private ScriptStatement EmitFor(ForStmt f)
    {
        var template = _template;
        var autoescape = _autoescape;
        if (f.Recursive)
        {
            var body = Soft(false, () => EmitBody([f with { Recursive = false, Iter = new NameExpr(f.Pos, RecursiveItems) }], f.Pos));
            var index = AddFunction(new ScriptUnit(template, body, autoescape) { MarksAtRuntime = _volatile });
            var items = ExprNode(f.Iter);
            return new JinjaTagNode("for", template, f.Pos, c =>
            {
                var (program, root) = c.Current;
                var unit = program.Functions[index];
                // The loop's output is written as is (escaped by its own outputs), as Jinja writes it.
                c.WriteValue(c.Invoke(unit, program, root, new RecursiveCall(unit, program, c.Frame, items.Value(c), 1)), escape: false);
            }, items, body);
        }

        var iterable = f.Iter is NameExpr { Name: RecursiveItems } ? null : ExprNode(f.Iter);
        var filter = f.Filter is null ? null : Soft(false, () => ExprNode(f.Filter));
        var targets = TargetNames(f.Target);
        var controls = _loopControls;
        _loopDepth++;
        var loopBody = Soft(false, () => EmitBody(f.Body, f.Pos));
        _loopDepth--;
        var hasControls = _loopControls != controls;
        var otherwise = f.Else is null ? null : Soft(false, () => EmitBody(f.Else, f.Pos));
        return new JinjaForNode(iterable, targets, SeesLoop(f.Body), filter, loopBody, otherwise, JinjaSpan.At(template, f.Pos)) { HasLoopControls = hasControls };
    }

    // Whether a loop body can read `loop`: it names it, or it contains something whose names are not all
    // visible here (a block another template may override; macros and imports, conservatively). An included
    // template sees `loop` only when the body itself names it, as in Jinja (which passes the loop's locals).
    // When it cannot, no LoopIteration is allocated per item.
    private bool SeesLoop(IReadOnlyList<Stmt> body)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        CollectNames(body, names);
        return names.Contains("loop") || ContainsOpaque(body);
    }

    private bool ContainsOpaque(IEnumerable<Stmt> body) =>
        body.Any(s => !Guard(s.Pos) && (s is BlockStmt or MacroStmt or ImportStmt or FromImportStmt || StmtBodies(s).Any(ContainsOpaque)));

    private string[] TargetNames(Expr target) => target switch
    {
        NameExpr n => [n.Name],
        TupleExpr t when t.Items.All(i => i is NameExpr) => [.. t.Items.Select(i => ((NameExpr)i).Name)],
        _ => throw Error("Only names and flat tuples of names are supported as loop targets.", target.Pos),
    };

    private int EmitMacroFunction(string name, IReadOnlyList<MacroParam> ps, IReadOnlyList<Stmt> body, SourcePos pos)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        CollectNames(body, names);
        foreach (var p in ps)
        {
            if (p.Default is not null)
            {
                CollectExprNames(p.Default, names);
            }
        }

        var signature = new MacroSignature(name, ps.Select(p => p.Name).ToList(), ps.Select(p => p.Default is not null).ToList(), names.Contains("varargs"), names.Contains("kwargs"), names.Contains("caller"));
        var defaults = Soft(false, () => ps.Where(p => p.Default is not null).Select(p => (p.Name, ExprNode(p.Default!))).ToArray());
        var unit = new ScriptUnit(_template, EmitFunctionBody(body, pos), _autoescape) { Signature = signature, Defaults = defaults };
        return AddFunction(unit);
    }

    // A function's body (macro, call body, block) is outside any loop around its definition, as in Jinja.
    private ScriptStatement EmitFunctionBody(IReadOnlyList<Stmt> body, SourcePos pos)
    {
        var saved = _loopDepth;
        _loopDepth = 0;
        try
        {
            return Soft(false, () => EmitBody(body, pos));
        }
        finally
        {
            _loopDepth = saved;
        }
    }
}
