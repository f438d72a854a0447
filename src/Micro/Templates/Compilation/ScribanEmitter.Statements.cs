using Micro.Templates.Runtime;
using Micro.Templates.Syntax;

namespace Micro.Templates.Compilation;

/// <content>Statements: each Jinja tag becomes Scriban statements over runtime frames.</content>
internal sealed partial class ScribanEmitter
{
    private void EmitBody(IReadOnlyList<Stmt> body)
    {
        // Every few levels of nesting the unit checks the stack as it runs (see StackGuard): a unit's nested
        // statements run in Scriban's evaluator, which does not, and templates nest 250 tags deep.
        _nesting++;
        if (_nesting % StackGuard.CheckEvery == 0 && body.Count > 0)
        {
            _w.Mark(body[0].Pos);
            _w.Stmt().Code("j_guard()");
        }

        EmitStatements(body);
        _nesting--;
    }

    // How deep the statement being emitted is nested in its unit (a function unit starts again at 0).
    private int _nesting;

    private void EmitStatements(IReadOnlyList<Stmt> body)
    {
        for (var i = 0; i < body.Count; i++)
        {
            // Data and {{ }} outputs with no tag between them become one node (see OutputRunNode).
            var end = i;
            var outputs = 0;
            while (end < body.Count && body[end] is TextStmt or OutputStmt)
            {
                outputs += body[end] is OutputStmt ? 1 : 0;
                end++;
            }

            if (outputs == 0 || end - i < 2)
            {
                EmitStmt(body[i]);
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

            _program.Runs.Add(new OutputRun(_w.Template, [.. parts]));
            _w.Mark(body[i].Pos);
            _w.Stmt().Code($"j_run({Int(_program.Runs.Count - 1)}, {_w.Frame})");
            i = end - 1;
        }
    }

    private void EmitStmt(Stmt s)
    {
        Guard(s.Pos);
        switch (s)
        {
            case TextStmt t:
                if (t.Text.Contains("{{", StringComparison.Ordinal) || t.Text.Contains("{%", StringComparison.Ordinal))
                {
                    _w.Stmt().Code($"j_markup({ScribanWriter.Quote(t.Text)})");
                }
                else
                {
                    _w.Text(t.Text);
                }

                break;
            case OutputStmt o:
                _w.Stmt().Code(ExprNode(_autoescape ? "j_xe" : "j_xs", o.Value));
                break;
            case IfStmt i:
                for (var b = 0; b < i.Branches.Count; b++)
                {
                    // Scriban nests each `else if` in the one before: a long elif chain checks the stack every few branches.
                    var cond = ExprNode(b > 0 && b % StackGuard.CheckEvery == 0 ? "j_xbg" : "j_xb", i.Branches[b].Key);
                    _w.Stmt().Code((b == 0 ? "if " : "else if ") + cond);
                    EmitBody(i.Branches[b].Value);
                }

                if (i.Else is not null)
                {
                    _w.Stmt().Code("else");
                    EmitBody(i.Else);
                }

                _w.Stmt().Code("end");
                break;
            case ForStmt f:
                EmitFor(f);
                break;
            case SetStmt set:
                EmitAssign(set.Target, Expr(set.Value), set.Pos);
                break;
            case SetBlockStmt sb:
                {
                    var c = _w.Temp("c");
                    EmitCapturedBody(sb.Body, c);
                    var captured = $"j_cap({c}, {Bool(_autoescape)})";
                    if (sb.Filters.Count == 0)
                    {
                        EmitAssign(sb.Target, captured, sb.Pos);
                    }
                    else
                    {
                        _w.Stmt().Code($"{_w.Frame}[{ScribanWriter.Quote(CapturedName)}] = {captured}");
                        EmitAssign(sb.Target, Expr(FilterCaptured(sb.Filters, sb.Pos)), sb.Pos);
                    }

                    break;
                }

            case BlockStmt b:
                _w.Mark(b.Pos);
                EmitOutput($"j_block({ScribanWriter.Quote(b.Name)}, 0, {(b.Scoped ? _w.Frame : "null")})");
                break;
            case ExtendsStmt e:
                throw Error("extends must be the first tag of a template and may appear once.", e.Pos);
            case IncludeStmt inc:
                NoteReference(inc.Template);
                _w.Mark(inc.Pos);
                EmitOutput($"j_include({Expr(inc.Template)}, {(inc.WithContext ? _w.Frame : "null")}, {Bool(inc.IgnoreMissing)})");
                break;
            case ImportStmt imp:
                NoteReference(imp.Template);
                _w.Mark(imp.Pos);
                _w.Stmt().Code($"{_w.Frame}[{ScribanWriter.Quote(imp.Alias)}] = j_import({Expr(imp.Template)}, {(imp.WithContext ? _w.Frame : "null")})");
                break;
            case FromImportStmt from:
                {
                    NoteReference(from.Template);
                    var m = _w.Temp("m");
                    _w.Mark(from.Pos);
                    _w.Stmt().Code($"{m} = j_import({Expr(from.Template)}, {(from.WithContext ? _w.Frame : "null")})");
                    foreach (var (name, alias) in from.Names)
                    {
                        _w.Stmt().Code($"{_w.Frame}[{ScribanWriter.Quote(alias)}] = j_from({m}, {ScribanWriter.Quote(name)})");
                    }

                    break;
                }

            case MacroStmt macro:
                {
                    var index = EmitMacroFunction(macro.Name, macro.Params, macro.Body, macro.Pos);
                    _w.Stmt().Code($"{_w.Frame}[{ScribanWriter.Quote(macro.Name)}] = j_macro({Int(index)}, {_w.Frame})");
                    break;
                }

            case CallBlockStmt call:
                {
                    var index = EmitMacroFunction("caller", call.Params, call.Body, call.Pos);
                    var args = call.Call.Args;
                    var withCaller = new CallArgs(args.Positional, [.. args.Keywords, new("caller", new MacroRefExpr(call.Pos, index))], args.Star, args.DoubleStar);
                    _w.Stmt().Code(ExprNode(_autoescape ? "j_xe" : "j_xs", call.Call with { Args = withCaller }));
                    break;
                }

            case FilterBlockStmt fb:
                {
                    var c = _w.Temp("c");
                    EmitCapturedBody(fb.Body, c);
                    _w.Stmt().Code($"{_w.Frame}[{ScribanWriter.Quote(CapturedName)}] = j_cap({c}, {Bool(_autoescape)})");
                    _w.Stmt().Code(ExprNode(_autoescape ? "j_xe" : "j_xs", FilterCaptured(fb.Filters, fb.Pos)));
                    break;
                }

            case WithStmt with:
                {
                    var temps = new List<string>();
                    foreach (var (_, value) in with.Assignments)
                    {
                        var t = _w.Temp("w");
                        _w.Stmt().Code($"{t} = {Expr(value)}");
                        temps.Add(t);
                    }

                    var outer = _w.Frame;
                    _w.Depth++;
                    _w.Stmt().Code($"{_w.Frame} = j_frame({outer})");
                    for (var i = 0; i < temps.Count; i++)
                    {
                        EmitAssign(with.Assignments[i].Key, temps[i], with.Pos);
                    }

                    EmitBody(with.Body);
                    _w.Depth--;
                    break;
                }

            case AutoescapeStmt ae:
                {
                    if (ae.Enabled is not ConstExpr { Value: bool enabled })
                    {
                        throw Error("autoescape needs a constant true or false.", ae.Pos);
                    }

                    var saved = _autoescape;
                    _autoescape = enabled;
                    EmitBody(ae.Body);
                    _autoescape = saved;
                    break;
                }

            default:
                throw Error($"Unsupported statement {s.GetType().Name}.", s.Pos);
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

    private void EmitOutput(string expr) => _w.Stmt().Code(_autoescape ? $"j_e({expr})" : $"j_s({expr})");

    private void EmitAssign(Expr target, string value, SourcePos pos)
    {
        switch (target)
        {
            case NameExpr n:
                _w.Stmt().Code($"{_w.Frame}[{ScribanWriter.Quote(n.Name)}] = {value}");
                break;
            case TupleExpr t:
                {
                    var u = _w.Temp("u");
                    _w.Mark(pos);
                    _w.Stmt().Code($"{u} = j_unpack({value}, {Int(t.Items.Count)})");
                    for (var i = 0; i < t.Items.Count; i++)
                    {
                        EmitAssign(t.Items[i], $"{u}[{Int(i)}]", pos);
                    }

                    break;
                }

            case GetattrExpr g:
                _w.Mark(pos);
                _w.Stmt().Code($"$_ = j_setattr({Expr(g.Target)}, {ScribanWriter.Quote(g.Name)}, {value})");
                break;
            default:
                throw Error("Can't assign to this expression.", pos);
        }
    }

    private void EmitFor(ForStmt f)
    {
        if (f.Recursive)
        {
            var index = EmitFunction(_w.Template, f.Pos, w =>
            {
                w.Stmt().Code("$f0 = j_rframe($0)");
                EmitCapturedBody([f with { Recursive = false, Iter = new NameExpr(f.Pos, "\0iter") }], "$o");
                w.Stmt().Code($"$_ = j_return(j_cap($o, {Bool(_autoescape)}))");
            });
            _w.Mark(f.Pos);
            EmitOutput($"j_rloop({Int(index)}, {_w.Frame}, {Expr(f.Iter)})");
            return;
        }

        var outer = _w.Frame;
        var iter = f.Iter is NameExpr { Name: "\0iter" } ? "j_riter($0)" : Expr(f.Iter);
        var loop = _w.Temp("l");
        var recursiveArg = f.Iter is NameExpr { Name: "\0iter" } ? "$0" : "null";
        var targets = string.Join(", ", TargetNames(f.Target).Select(ScribanWriter.Quote));
        if (f.Filter is not null)
        {
            var pre = _w.Temp("p");
            _w.Mark(f.Pos);
            _w.Stmt().Code($"{pre} = j_loop({iter}, null)");
            _w.Depth++;
            _w.Stmt().Code($"for {_w.Frame} in j_for({pre}, {outer}, false, {targets})");
            _w.Stmt().Code($"if {ExprNode("j_xb", f.Filter)}");
            _w.Stmt().Code($"$_ = j_keep({pre}, {_w.Frame})");
            _w.Stmt().Code("end");
            _w.Stmt().Code("end");
            _w.Depth--;
            iter = $"j_kept({pre})";
        }

        _w.Mark(f.Pos);
        _w.Stmt().Code($"{loop} = j_loop({iter}, {recursiveArg})");
        _w.Depth++;
        _w.Stmt().Code($"for {_w.Frame} in j_for({loop}, {outer}, {Bool(SeesLoop(f.Body))}, {targets})");
        EmitBody(f.Body);
        _w.Stmt().Code("end");
        _w.Depth--;
        if (f.Else is not null)
        {
            _w.Stmt().Code($"if j_none({loop})");
            EmitBody(f.Else);
            _w.Stmt().Code("end");
        }
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

    private IEnumerable<string> TargetNames(Expr target) => target switch
    {
        NameExpr n => [n.Name],
        TupleExpr t when t.Items.All(i => i is NameExpr) => t.Items.Select(i => ((NameExpr)i).Name),
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
        return EmitFunction(_w.Template, pos, w =>
        {
            w.Stmt().Code("$f0 = j_mframe($0)");
            foreach (var p in ps.Where(p => p.Default is not null))
            {
                w.Stmt().Code($"if j_unset($f0, {ScribanWriter.Quote(p.Name)})");
                w.Stmt().Code($"$f0[{ScribanWriter.Quote(p.Name)}] = {Expr(p.Default!)}");
                w.Stmt().Code("end");
            }

            EmitCapturedBody(body, "$o");
            w.Stmt().Code($"$_ = j_return(j_cap($o, {Bool(_autoescape)}))");
        }, signature);
    }
}
