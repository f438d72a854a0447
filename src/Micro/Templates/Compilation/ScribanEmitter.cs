using Micro.Templates.Runtime;
using Micro.Templates.Syntax;
using Scriban.Syntax;

namespace Micro.Templates.Compilation;

/// <summary>
/// Compiles a Jinja syntax tree straight into a Scriban syntax tree: Scriban's own containers
/// (<see cref="ScriptPage"/>, <see cref="ScriptBlockStatement"/>, <see cref="ScriptRawStatement"/> for data) holding
/// Micro's node types for what Jinja means (<see cref="JinjaIfNode"/>, <see cref="JinjaForNode"/>,
/// <see cref="OutputRunNode"/>, <see cref="JinjaTagNode"/>, <see cref="JinjaExprNode"/>). Every node evaluates itself.
/// </summary>
/// <remarks>
/// <para>Jinja variables live in runtime frames (<see cref="RenderContext.Frame"/>), which gives Jinja's scoping and
/// closures (macros, <c>caller</c>) exactly; a Jinja expression is one node evaluating the Jinja tree in C#, because
/// Jinja's operators differ from Scriban's in almost every case (truthiness, <c>/</c>, <c>~</c>, <c>in</c>, undefined
/// values, Python printing).</para>
/// <para>Positions: every node's span is its Jinja template and position (see <see cref="JinjaSpan"/>), so an error
/// names the template, line and column directly, whichever template of an inheritance chain the node came from.</para>
/// </remarks>
internal sealed partial class ScribanEmitter
{
    private readonly CompiledTemplate _program;
    private readonly Func<string, string, SourcePos, TemplateSource> _load;
    private readonly Func<string, bool> _autoescapeFor;
    private readonly Func<string, bool> _hasFilter;
    private readonly Func<string, bool> _hasTest;
    private readonly SyntaxOptions _syntax;
    private string _template;
    private bool _autoescape;
    private (string Name, int Level)? _block;

    private ScribanEmitter(CompiledTemplate program, Func<string, string, SourcePos, TemplateSource> load, Func<string, bool> autoescapeFor, Func<string, bool> hasFilter, Func<string, bool> hasTest, SyntaxOptions syntax)
    {
        _syntax = syntax;
        _program = program;
        _template = program.Name;
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
        var program = new CompiledTemplate { Name = source.Name, Autoescape = autoescapeFor(source.Name) };
        var emitter = new ScribanEmitter(program, load, autoescapeFor, hasFilter, hasTest, syntax);
        emitter.CompileChain(source);
        return program;
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

    // Adds a function unit (block, macro, caller, recursive loop) to the program; returns its index.
    private int AddFunction(ScriptUnit unit)
    {
        _program.Functions.Add(unit);
        return _program.Functions.Count - 1;
    }

    private TemplateException Error(string message, SourcePos pos) => new(message, _template, pos.Line, pos.Column);

    // The compiler's passes recurse over the Jinja tree, whose depth the parser bounds; this stops them with a
    // positioned error when the stack is short anyway (a template compiled in the middle of a deep render).
    // Returns false so it can sit in expressions.
    private bool Guard(SourcePos pos) => Guard(_template, pos);

    private static bool Guard(string template, SourcePos pos) =>
        StackGuard.HasRoom() ? false : throw new TemplateException($"{StackGuard.Exceeded}: the template is nested too deeply to compile here.", template, pos.Line, pos.Column);
}
