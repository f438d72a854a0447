using System.Globalization;
using Micro.Templates.Runtime;
using Micro.Templates.Syntax;
using Scriban;
using Scriban.Parsing;
using Scriban.Syntax;

namespace Micro.Templates.Compilation;

/// <summary>
/// Compiles a Jinja syntax tree to Scriban: generated Scriban script for the statements, parsed by
/// Scriban, then a rewritten Scriban AST in which each Jinja expression is a single node.
/// </summary>
/// <remarks>
/// <para>Why generated source for statements: Jinja's tags map onto Scriban's own statements (<c>if</c>,
/// <c>for</c>, <c>capture</c>, <c>func</c>) and text, so Scriban's hardened parser builds the tree, its
/// evaluator runs it under its limits, and the generated text reads back with <c>ToString()</c> when
/// debugging. Jinja variables live in runtime frames (<c>$f1["user"]</c>), which gives Jinja's scoping
/// and closures (macros, <c>caller</c>) exactly.</para>
/// <para>Why a rewritten AST for expressions: Jinja's operators differ from Scriban's in almost every
/// case (truthiness, <c>/</c>, <c>~</c>, <c>in</c>, undefined values, Python printing), and Scriban spends
/// 0.3–0.6 µs per node, so each Jinja expression is emitted as a placeholder call (<c>j_x(7, $f1)</c>)
/// that <see cref="FastCallRewriter"/> swaps for one node evaluating the Jinja tree in C#. Runs of text
/// and <c>{{ }}</c> become one node too (<see cref="OutputRun"/>).</para>
/// <para>Positions: an expression node knows its Jinja template and position; for everything else a
/// <see cref="SourceMap"/> maps Scriban positions back, rather than keeping lines aligned, because one
/// program holds code from several templates (an inheritance chain is resolved statically).</para>
/// </remarks>
internal sealed partial class ScribanEmitter
{
    private readonly CompiledTemplate _program;
    private readonly Func<string, string, SourcePos, TemplateSource> _load;
    private readonly Func<string, bool> _autoescapeFor;
    private readonly Func<string, bool> _hasFilter;
    private readonly Func<string, bool> _hasTest;
    private readonly SyntaxOptions _syntax;
    private ScribanWriter _w = null!;
    private bool _autoescape;
    private (string Name, int Level)? _block;

    private ScribanEmitter(CompiledTemplate program, Func<string, string, SourcePos, TemplateSource> load, Func<string, bool> autoescapeFor, Func<string, bool> hasFilter, Func<string, bool> hasTest, SyntaxOptions syntax)
    {
        _syntax = syntax;
        _program = program;
        _load = load;
        _autoescapeFor = autoescapeFor;
        _hasFilter = hasFilter;
        _hasTest = hasTest;
    }

    /// <summary>Compiles <paramref name="source"/> and the templates it extends.</summary>
    /// <param name="source">The template to compile.</param>
    /// <param name="load">Loads a parent template by name (requesting template, name, position).</param>
    /// <param name="autoescapeFor">Decides autoescaping from a template name.</param>
    /// <param name="hasFilter">Tells whether a filter exists.</param>
    /// <param name="hasTest">Tells whether a test exists.</param>
    /// <param name="syntax">The lexer and parser settings (whitespace options, extensions) every template of the chain is read with.</param>
    public static CompiledTemplate Compile(TemplateSource source, Func<string, string, SourcePos, TemplateSource> load, Func<string, bool> autoescapeFor, Func<string, bool> hasFilter, Func<string, bool> hasTest, SyntaxOptions syntax)
    {
        var program = new CompiledTemplate { Name = source.Name };
        var emitter = new ScribanEmitter(program, load, autoescapeFor, hasFilter, hasTest, syntax);
        emitter.CompileChain(source);
        return program;
    }

    private void CompileChain(TemplateSource source)
    {
        // Resolve {% extends %} statically: the chain runs from this template to the root layout.
        var chain = new List<TemplateSyntax>();
        var current = source;
        while (true)
        {
            if (current.Path is not null)
            {
                _program.Files.Add((current.Path, current.Stamp));
            }

            var syntax = JinjaParser.Parse(current.Name, current.Text, _syntax);
            if (chain.Any(c => c.Name == current.Name))
            {
                throw new TemplateException($"Template '{current.Name}' extends itself through its parents.", current.Name, 0, 0);
            }

            chain.Add(syntax);
            var extends = syntax.Body.OfType<ExtendsStmt>().FirstOrDefault();
            if (extends is null)
            {
                break;
            }

            if (extends.Template is not ConstExpr { Value: string parent })
            {
                throw new TemplateException("Only a constant string is supported as the name in {% extends %}.", current.Name, extends.Pos.Line, extends.Pos.Column);
            }

            current = _load(current.Name, parent, extends.Pos);
        }

        // Block table: most derived first.
        var blockDefs = new Dictionary<string, List<(BlockStmt Block, string Template)>>(StringComparer.Ordinal);
        foreach (var t in chain)
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
                indexes.Add(EmitFunction(template, block.Pos, w =>
                {
                    w.Stmt().Code("$f0 = j_bframe($0)");
                    var saved = _block;
                    _block = (name, level);
                    EmitCapturedBody(block.Body, "$o");
                    _block = saved;
                    w.Stmt().Code($"$_ = j_return(j_cap($o, {Bool(_autoescape)}))");
                }));
            }
        }

        var root = chain[^1];
        _w = new ScribanWriter(source.Name);
        _autoescape = _autoescapeFor(source.Name);
        _w.Stmt().Code("$f0 = j_root()");
        for (var i = 0; i < chain.Count - 1; i++)
        {
            // A child's top level runs (set, import, macro) but prints nothing: its parent does.
            _w.Template = chain[i].Name;
            _autoescape = _autoescapeFor(chain[i].Name);
            EmitBody(chain[i].Body.Where(s => s is not TextStmt and not OutputStmt and not BlockStmt and not ExtendsStmt).ToList());
        }

        _w.Template = root.Name;
        _autoescape = _autoescapeFor(root.Name);
        EmitBody(root.Body);
        var text = _w.Finish();
        _program.Main = ParseUnit(text, _w.Map, "main", function: false, _autoescapeFor(source.Name));
    }

    private static IEnumerable<BlockStmt> AllBlocks(string template, IEnumerable<Stmt> body)
    {
        foreach (var s in body)
        {
            Guard(template, s.Pos);
            foreach (var b in Children(s).SelectMany(AllBlocksOf))
            {
                yield return b;
            }

            if (s is BlockStmt bs)
            {
                yield return bs;
                foreach (var inner in AllBlocks(template, bs.Body))
                {
                    yield return inner;
                }
            }
        }

        IEnumerable<BlockStmt> AllBlocksOf(IReadOnlyList<Stmt> list) => AllBlocks(template, list);
    }

    private static IEnumerable<IReadOnlyList<Stmt>> Children(Stmt s) => s switch
    {
        IfStmt i => i.Branches.Select(b => b.Value).Concat(i.Else is null ? [] : [i.Else]),
        ForStmt f => f.Else is null ? [f.Body] : [f.Body, f.Else],
        WithStmt w => [w.Body],
        FilterBlockStmt fb => [fb.Body],
        AutoescapeStmt a => [a.Body],
        _ => [],
    };

    private ScriptUnit ParseUnit(string text, SourceMap map, string kind, bool function, bool autoescape, MacroSignature? signature = null)
    {
        var path = $"jinja:{_program.Id}:{kind}:{_program.Functions.Count}";
        // Scriban's own nesting limit (250) counts `else if` as nesting; Jinja's limits are the parser's (see
        // StackGuard), and Scriban's parser stops by itself, with an error, when the stack runs short.
        var template = Template.Parse(text, path, new ParserOptions { ExpressionDepthLimit = ScribanDepthLimit });
        if (template.HasErrors)
        {
            var first = template.Messages.First(m => m.Type == ParserMessageType.Error);
            var (jinjaTemplate, pos) = map.Find(first.Span.Start.Line, first.Span.Start.Column);
            if (first.Message.Contains("depth", StringComparison.OrdinalIgnoreCase) || first.Message.Contains("stack", StringComparison.OrdinalIgnoreCase))
            {
                throw new TemplateException($"{StackGuard.Exceeded}: the template is nested too deeply to compile here.", jinjaTemplate ?? _program.Name, pos.Line, pos.Column);
            }

            // The generated code should always parse; if it does not, report it against the template.
            throw new TemplateException($"Internal error compiling template: {string.Join("; ", template.Messages)}", jinjaTemplate ?? _program.Name, pos.Line, pos.Column);
        }

        ScriptPage page;
        ScriptFunction? fn = null;
        try
        {
            // Swap Scriban's generic calls to runtime helpers for direct ones (see JinjaCallExpression).
            page = (ScriptPage)new FastCallRewriter(JinjaRuntime.Functions, _program).Visit(template.Page!)!;
            if (function)
            {
                fn = FindFunction(page)
                    ?? throw new TemplateException("Internal error compiling template: no function unit.", _program.Name, 0, 0);
            }
        }
        catch (JinjaRuntimeException e)
        {
            // Out of stack walking the unit: report it at the unit's start.
            var (jinjaTemplate, pos) = map.Find(0, 0);
            throw new TemplateException(e.Message, jinjaTemplate ?? _program.Name, pos.Line, pos.Column);
        }

        var unit = new ScriptUnit(path, page, map, fn, autoescape) { Signature = signature };
        UnitRegistry.Register(unit);
        return unit;
    }

    private const int ScribanDepthLimit = 100_000;

    private static ScriptFunction? FindFunction(ScriptNode node)
    {
        StackGuard.Ensure("the generated code");
        if (node is ScriptFunction f)
        {
            return f;
        }

        for (var i = 0; i < node.ChildrenCount; i++)
        {
            if (node.GetChildren(i) is { } child && FindFunction(child) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    // Emits a function unit; returns its index in the program.
    private int EmitFunction(string template, SourcePos pos, Action<ScribanWriter> body, MacroSignature? signature = null)
    {
        var saved = _w;
        var savedAe = _autoescape;
        var savedNesting = _nesting;
        _nesting = 0;
        _w = new ScribanWriter(template) { Depth = 0 };
        if (saved is null)
        {
            _autoescape = _autoescapeFor(template);
        }

        _w.Mark(pos);
        _w.Stmt().Code("func __u");
        body(_w);
        _w.Stmt().Code("end");
        var text = _w.Finish();
        var unit = ParseUnit(text, _w.Map, "fn", function: true, _autoescape, signature);
        _w = saved!;
        _autoescape = savedAe;
        _nesting = savedNesting;
        _program.Functions.Add(unit);
        return _program.Functions.Count - 1;
    }

    private void EmitCapturedBody(IReadOnlyList<Stmt> body, string variable)
    {
        _w.Stmt().Code($"capture {variable}");
        EmitBody(body);
        _w.Stmt().Code("end");
    }

    private static string Bool(bool b) => b ? "true" : "false";

    private static string Int(int i) => i.ToString(CultureInfo.InvariantCulture);

    private TemplateException Error(string message, SourcePos pos) => new(message, _w.Template, pos.Line, pos.Column);

    // The compiler's passes recurse over the Jinja tree, whose depth the parser bounds; this stops them with a
    // positioned error when the stack is short anyway (a template compiled in the middle of a deep render).
    // Returns false so it can sit in expressions.
    private bool Guard(SourcePos pos) => Guard(_w.Template, pos);

    private static bool Guard(string template, SourcePos pos) =>
        StackGuard.HasRoom() ? false : throw new TemplateException($"{StackGuard.Exceeded}: the template is nested too deeply to compile here.", template, pos.Line, pos.Column);
}
