using Micro.Templates.Runtime;
using Micro.Templates.Syntax;
using Scriban.Syntax;

namespace Micro.Templates.Compilation;

/// <content>
/// Template inheritance, as Jinja's code generator does it: the chain of parents is resolved when compiling as far as
/// each template's first <c>{% extends %}</c> names a constant at its top level; a computed or conditional one is
/// resolved at run time (<see cref="ExtendingMainNode"/>). Before an <c>{% extends %}</c> a template's top level
/// renders; after one that always runs, its output and top-level blocks are dropped; after one that may run, they are
/// written only if it did not (<see cref="OutputCheckNode"/>).
/// </content>
internal sealed partial class ScribanEmitter
{
    // Jinja's compile-time state for the top level of the template being emitted: Frame.toplevel (the top level and
    // the bodies of {% if %}), Frame.rootlevel (the top level itself), Frame.require_output_check (the template
    // extends: its top-level output is checked), and the code generator's has_known_extends and extends_so_far.
    private bool _toplevel;
    private bool _rootlevel;
    private bool _outputCheck;
    private bool _knownExtends;
    private int _extendsSoFar;

    // The {% extends %} of the template being emitted that the compiler resolved (its parent is compiled into this program).
    private ExtendsStmt? _staticExtends;

    // Set by an {% extends %} that always raises: Jinja compiles nothing after it in the same body (CompilerExit).
    private bool _exited;

    // Output at the top level after an {% extends %} that always runs is not compiled at all (not even its filters).
    private bool DropsOutput => _outputCheck && _knownExtends;

    private void CompileChain(TemplateSource source)
    {
        // The static part of the chain: from this template through each parent named by a first, top-level, constant
        // {% extends %}. A template whose first {% extends %} is computed or inside {% if %} ends it and extends at run time.
        var chain = new List<(TemplateSyntax Syntax, ExtendsStmt? Link)>();
        var dynamic = false;
        var current = source;
        while (true)
        {
            if (current.Path is not null)
            {
                _program.Files.Add((current.Path, current.Stamp));
            }

            var syntax = JinjaParser.Parse(current.Name, current.Text, _syntax);
            _template = current.Name;
            if (chain.Any(c => c.Syntax.Name == current.Name))
            {
                throw new TemplateException($"Template '{current.Name}' extends itself through its parents.", current.Name, 0, 0);
            }

            var first = FirstExtends(syntax.Name, syntax.Body, rootlevel: true);
            if (first is { RootLevel: true, Stmt.Template: ConstExpr { Value: string parent } } && !TopLevelMayRenderBlocks(syntax, first.Value.Stmt))
            {
                chain.Add((syntax, first.Value.Stmt));
                current = _load(current.Name, parent, first.Value.Stmt.Pos);
                continue;
            }

            chain.Add((syntax, null));
            dynamic = first is not null;
            break;
        }

        // Block table: most derived first. Blocks anywhere in a template count, in macros and call bodies too (Jinja's find_all).
        var blockDefs = new Dictionary<string, List<(BlockStmt Block, string Template)>>(StringComparer.Ordinal);
        foreach (var (t, _) in chain)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var b in AllBlocks(t.Name, t.Body))
            {
                if (!seen.Add(b.Name))
                {
                    throw new TemplateException($"block '{b.Name}' defined twice", t.Name, b.Pos.Line, b.Pos.Column);
                }

                if (!blockDefs.TryGetValue(b.Name, out var list))
                {
                    blockDefs[b.Name] = list = [];
                }

                list.Add((b, t.Name));
            }
        }

        foreach (var (name, defs) in blockDefs)
        {
            var indexes = new List<int>();
            _program.Blocks[name] = indexes;
            for (var level = 0; level < defs.Count; level++)
            {
                var (block, template) = defs[level];
                _template = template;
                _autoescape = _autoescapeFor(template);
                _block = (name, level);
                var body = EmitFunctionBody(block.Body, block.Pos);
                _block = null;
                indexes.Add(AddFunction(new ScriptUnit(template, body, _autoescape)));
            }
        }

        // The main page: each template's top level in turn, from the child to the root layout (what a child writes
        // before its {% extends %} comes first), the last one wrapped to extend at run time if it does.
        var main = new ScriptBlockStatement { Span = JinjaSpan.At(source.Name, default) };
        for (var i = 0; i < chain.Count; i++)
        {
            var (syntax, link) = chain[i];
            var extendsAtRunTime = dynamic && i == chain.Count - 1;
            _template = syntax.Name;
            _autoescape = _autoescapeFor(syntax.Name);
            (_toplevel, _rootlevel, _outputCheck, _knownExtends, _extendsSoFar, _staticExtends) = (true, true, link is not null || extendsAtRunTime, false, 0, link);
            if (extendsAtRunTime)
            {
                var body = new ScriptBlockStatement { Span = JinjaSpan.At(syntax.Name, default) };
                EmitStatements(syntax.Body, body.Statements);
                main.Statements.Add(new ExtendingMainNode(body));
            }
            else
            {
                EmitStatements(syntax.Body, main.Statements);
            }

            (_toplevel, _rootlevel, _outputCheck, _knownExtends, _extendsSoFar, _staticExtends) = (false, false, false, false, 0, null);
        }

        _program.Main = new ScriptPage { Body = main, Span = main.Span };
    }

    // Whether a template's top level may render a block while it runs: a block tag (one at the top level after the
    // {% extends %} is dropped), self.name(), or a call of a macro that may. Jinja renders it from the blocks known at
    // that point — the template's and its children's, and after its {% extends %} the parent's own, not yet the
    // grandparents' — which the chain made at run time reproduces exactly; a chain compiled in one piece would show
    // them all. Such a template extends at run time (rare: blocks are usually rendered from the parent's page).
    private bool TopLevelMayRenderBlocks(TemplateSyntax syntax, ExtendsStmt extends)
    {
        var at = syntax.Body.ToList().IndexOf(extends);
        var runs = syntax.Body.Take(at).ToList();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in syntax.Body.Skip(at + 1))
        {
            RunsAfterExtends(s, runs, names);
        }

        if (AllBlocks(syntax.Name, runs).Any())
        {
            return true;
        }

        CollectNames(runs, names);
        return names.Contains("self") || MacrosThatMayRenderBlocks(syntax.Body).Any(names.Contains);
    }

    // After a template's {% extends %}, its top-level output and blocks (in {% if %} too) are dropped; the rest runs.
    private void RunsAfterExtends(Stmt s, List<Stmt> runs, HashSet<string> names)
    {
        Guard(s.Pos);
        switch (s)
        {
            case TextStmt or OutputStmt or BlockStmt:
                return;
            case IfStmt i:
                foreach (var (test, body) in i.Branches)
                {
                    CollectExprNames(test, names);
                    foreach (var inner in body)
                    {
                        RunsAfterExtends(inner, runs, names);
                    }
                }

                foreach (var inner in i.Else ?? [])
                {
                    RunsAfterExtends(inner, runs, names);
                }

                return;
            default:
                runs.Add(s);
                return;
        }
    }

    private IEnumerable<string> MacrosThatMayRenderBlocks(IEnumerable<Stmt> body)
    {
        foreach (var s in body)
        {
            Guard(s.Pos);
            if (s is MacroStmt m)
            {
                var names = new HashSet<string>(StringComparer.Ordinal);
                CollectNames(m.Body, names);
                if (names.Contains("self") || AllBlocks("", m.Body).Any())
                {
                    yield return m.Name;
                }
            }

            foreach (var child in s is MacroStmt macro ? [macro.Body] : StmtBodies(s))
            {
                foreach (var name in MacrosThatMayRenderBlocks(child))
                {
                    yield return name;
                }
            }
        }
    }

    // The first {% extends %} a template's top level can run (its body and, through {% if %}, the branches), and whether
    // it is at the root level. One anywhere else fails when it is compiled.
    private static (ExtendsStmt Stmt, bool RootLevel)? FirstExtends(string template, IReadOnlyList<Stmt> body, bool rootlevel)
    {
        foreach (var s in body)
        {
            Guard(template, s.Pos);
            if (s is ExtendsStmt e)
            {
                return (e, rootlevel);
            }

            if (s is IfStmt i)
            {
                foreach (var branch in i.Branches.Select(b => b.Value).Append(i.Else ?? []))
                {
                    if (FirstExtends(template, branch, rootlevel: false) is { } found)
                    {
                        return found;
                    }
                }
            }
        }

        return null;
    }

    private static IEnumerable<BlockStmt> AllBlocks(string template, IEnumerable<Stmt> body)
    {
        foreach (var s in body)
        {
            Guard(template, s.Pos);
            if (s is BlockStmt b)
            {
                yield return b;
            }

            foreach (var child in s is MacroStmt m ? [m.Body] : StmtBodies(s))
            {
                foreach (var inner in AllBlocks(template, child))
                {
                    yield return inner;
                }
            }
        }
    }

    // A statement, with Jinja's frame for its bodies: an {% if %} keeps the top level (a "soft" frame), a set block
    // captures (no output check), macros and call bodies are functions, every other tag opens an inner frame.
    private ScriptStatement? EmitStmt(Stmt s)
    {
        switch (s)
        {
            case ExtendsStmt e:
                return EmitExtends(e);
            case BlockStmt b:
                return EmitBlockTag(b);
            case TextStmt or OutputStmt:
                return !_outputCheck ? EmitTag(s) : DropsOutput ? null : Checked(EmitTag(s));
        }

        if (!_toplevel && !_outputCheck)
        {
            return EmitTag(s);
        }

        var saved = (_toplevel, _rootlevel, _outputCheck);
        switch (s)
        {
            case IfStmt:
                _rootlevel = false;
                break;
            case SetBlockStmt or MacroStmt or CallBlockStmt:
                (_toplevel, _rootlevel, _outputCheck) = (false, false, false);
                break;
            default:
                (_toplevel, _rootlevel) = (false, false);
                break;
        }

        try
        {
            return EmitTag(s);
        }
        finally
        {
            (_toplevel, _rootlevel, _outputCheck) = saved;
        }
    }

    // Output after an {% extends %} that may have run is written only if it did not.
    private ScriptStatement Checked(ScriptStatement output) => _outputCheck && _extendsSoFar > 0 ? new OutputCheckNode(output) : output;

    private ScriptStatement? EmitExtends(ExtendsStmt e)
    {
        if (!_toplevel)
        {
            throw Error("cannot use extend from a non top-level scope", e.Pos);
        }

        if (_extendsSoFar > 0 && _knownExtends)
        {
            // An {% extends %} that always runs already did: this one always raises.
            _exited = true;
            return new JinjaTagNode("extends", _template, e.Pos, static _ => throw new JinjaRuntimeException("extended multiple times"));
        }

        ScriptStatement? node = null;
        if (!ReferenceEquals(e, _staticExtends))
        {
            NoteReference(e.Template);
            var name = ExprNode(e.Template);
            node = new JinjaTagNode("extends", _template, e.Pos, c =>
            {
                Inheritance.EnsureNotExtended(c);
                Inheritance.Extend(c, name.Value(c));
            }, name);
        }

        _knownExtends |= _rootlevel;
        _extendsSoFar++;
        return node;
    }

    private ScriptStatement? EmitBlockTag(BlockStmt b)
    {
        // At the top level of a template that has extended another, a block renders where the parent puts it.
        if (_toplevel && _knownExtends)
        {
            return null;
        }

        // A block's output is written as it is: what it printed was escaped inside it, as Jinja's blocks do.
        var (name, scoped) = (b.Name, b.Scoped);
        var node = new JinjaTagNode("block", _template, b.Pos, b.Required
            ? c => c.WriteValue(Inheritance.RequiredBlock(c, name, scoped ? c.Frame : null), escape: false)
            : c => c.WriteValue(JinjaRuntime.Block(c, name, 0, scoped ? c.Frame : null), escape: false));
        return _toplevel && _extendsSoFar > 0 ? new OutputCheckNode(node) : node;
    }
}
