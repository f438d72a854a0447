using Micro.Templates.Compilation;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Micro.Templates.Runtime;

/// <summary>
/// A Scriban <see cref="TemplateContext"/> that renders Jinja: it autoescapes every expression result
/// that is not <see cref="Markup"/> (Scriban passes expression results, not literal text, through
/// <see cref="Write(SourceSpan, object)"/>), prints values the way Python does, and carries the state of
/// one render (program stack, root frames). Pooled: <see cref="Prepare"/> and <see cref="Clear"/> around each render.
/// </summary>
internal sealed class RenderContext : TemplateContext
{
    private readonly Stack<(CompiledTemplate Program, Frame Root)> _programs = new();

    public RenderContext(TemplateEngine engine, ScriptObject builtins)
        : base(builtins)
    {
        Engine = engine;
        StrictVariables = false;
        EnableRelaxedMemberAccess = true;

        // Scriban's defaults break real pages: 1000 iterations across nested loops, a silent 1 MB cap.
        LoopLimit = engine.Options.MaxLoopIterations;
        RecursiveLimit = engine.Options.MaxRecursionDepth;
        LimitToString = 0;
        OutputLimit = engine.Options.MaxOutputChars;
        OnOutputLimit = ScriptLimitBehavior.Throw;
        MemberRenamer = static m => m.Name;

        // Jinja never re-indents output; Scriban's auto-indent bookkeeping costs time on every write.
        AutoIndent = false;
    }

    public TemplateEngine Engine { get; }

    public RenderGlobals Globals { get; private set; } = null!;

    /// <summary>The frame <c>j_root()</c> hands to the next main unit.</summary>
    public Frame? PendingRoot { get; set; }

    /// <summary>The Scriban node of the runtime call in progress, for invoking functions and mapping errors.</summary>
    public ScriptNode? CallNode { get; set; }

    /// <summary>Where in the Jinja expression being evaluated an error would be, or null for its start.</summary>
    public Syntax.SourcePos? ErrorPos { get; set; }

    /// <summary>The value the running function unit handed back with <c>j_return</c>.</summary>
    public object? ReturnValue { get; set; }

    public Dictionary<string, TemplateModule> Modules { get; } = new(StringComparer.Ordinal);

    public (CompiledTemplate Program, Frame Root) Current => _programs.Peek();

    public void Prepare(RenderGlobals globals)
    {
        // No writable global is pushed: generated code keeps all state in frames and $locals,
        // so the shared builtins (read-only) are the only globals a render sees.
        Globals = globals;
    }

    public void Clear()
    {
        while (_programs.Count > 0)
        {
            _programs.Pop();
        }

        Modules.Clear();
        PendingRoot = null;
        ReturnValue = null;
        _depth = 0;
        CallNode = null;
        Globals = null!;
        Reset();
    }

    /// <summary>Runs a program's main unit with <paramref name="root"/> as its root frame, writing to the current output.</summary>
    public void RunMain(CompiledTemplate program, Frame root)
    {
        EnterNested();
        _programs.Push((program, root));
        PendingRoot = root;
        PushLocal();
        try
        {
            Evaluate(program.Main.Page);
        }
        finally
        {
            PopLocal();
            _programs.Pop();
            _depth--;
        }
    }

    private int _depth;

    // Macros, blocks and includes are invoked from C# (not through Scriban's call node, which counts
    // recursion), so runaway recursion (a macro calling itself, templates including each other) is
    // stopped here before it can overflow the stack.
    private void EnterNested()
    {
        if (++_depth > Engine.Options.MaxRecursionDepth)
        {
            _depth--;
            throw new JinjaRuntimeException($"maximum recursion depth exceeded ({Engine.Options.MaxRecursionDepth}): a macro, block or include keeps calling itself");
        }
    }

    /// <summary>Renders a program's main unit into a string.</summary>
    public string Capture(CompiledTemplate program, Frame root)
    {
        PushOutput();
        try
        {
            RunMain(program, root);
        }
        finally
        {
            var output = PopOutput();
            CapturedText = output.ToString() ?? "";
        }

        return CapturedText;
    }

    private string CapturedText { get; set; } = "";

    /// <summary>Invokes a function unit in the context of <paramref name="program"/>.</summary>
    public object? Invoke(ScriptUnit unit, CompiledTemplate program, Frame root, object argument)
    {
        EnterNested();
        _programs.Push((program, root));
        try
        {
            ReturnValue = null;
            unit.Function!.Invoke(this, CallNode ?? CurrentNode ?? unit.Function, new ScriptArray { argument }, null);
            var result = ReturnValue;
            ReturnValue = null;
            return result;
        }
        finally
        {
            _programs.Pop();
            _depth--;
        }
    }

    /// <inheritdoc/>
    public override TemplateContext Write(SourceSpan span, object? textAsObject)
    {
        switch (textAsObject)
        {
            case Markup m:
                Write(m.Value);
                return this;
            case IScriptOutput o:
                return base.Write(span, o);
            case string s:
                Write(Markup.EscapeText(s));
                return this;
            default:
                Write(Markup.EscapeText(PyOps.Str(textAsObject)));
                return this;
        }
    }

    /// <inheritdoc/>
    public override ValueTask<TemplateContext> WriteAsync(SourceSpan span, object? textAsObject) => new(Write(span, textAsObject));
}
