using System.Globalization;
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
    private readonly Stack<(CompiledTemplate Program, Frame Root, BlockTable? Blocks)> _programs = new();

    // How many entries of the program stack carry a block table: while none does (every render without a computed
    // or conditional {% extends %}), invoking a macro looks for none.
    private int _tables;

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
        Eval = _mainEval;
    }

    public TemplateEngine Engine { get; }

    public RenderGlobals Globals { get; private set; } = null!;

    /// <summary>The Jinja scope the running statements read and write: each node of a compiled template works on it.</summary>
    public Frame Frame { get; set; } = null!;

    /// <summary>A <c>{% break %}</c> or <c>{% continue %}</c> on its way to its loop, or <see cref="LoopFlow.None"/>.</summary>
    public LoopFlow Flow { get; set; }

    /// <summary>In the body of a recursive loop, the call that runs it (what to iterate, at which depth).</summary>
    public RecursiveCall? Recursion { get; set; }

    /// <summary>Where in the Jinja expression being evaluated an error would be, or null for its start.</summary>
    public Syntax.SourcePos? ErrorPos { get; set; }

    /// <summary>
    /// Whether autoescape is on now in the running template context (Jinja's <c>context.eval_ctx.autoescape</c>):
    /// <c>join</c>, <c>replace</c>, <c>xmlattr</c>, <c>urlize</c>, captured <c>{% set %}</c> bodies and macro calls read it.
    /// </summary>
    public bool Autoescape => Eval.Autoescape;

    /// <summary>The running template context's evaluation context (see <see cref="EvalContext"/>).</summary>
    public EvalContext Eval { get; set; }

    /// <summary>
    /// Whether <c>~</c> joins markup in the expression being evaluated: autoescape as compiled where the expression
    /// was written (Jinja decides <c>~</c> when it compiles; inside an <c>{% autoescape %}</c> with a non-constant
    /// value it joins plain text).
    /// </summary>
    public bool MarkupConcat { get; set; }

    // The main render's evaluation context, reused by the pooled context; an include or import gets its own.
    private readonly EvalContext _mainEval = new();

    public Dictionary<string, TemplateModule> Modules { get; } = new(StringComparer.Ordinal);

    public (CompiledTemplate Program, Frame Root) Current
    {
        get
        {
            var top = _programs.Peek();
            return (top.Program, top.Root);
        }
    }

    /// <summary>
    /// The blocks of the running template's context when its inheritance chain was resolved at run time (a computed or
    /// conditional <c>{% extends %}</c>); null when the program's own block table is the whole chain.
    /// </summary>
    public BlockTable? Blocks => _programs.Peek().Blocks;

    /// <summary>
    /// Jinja's <c>parent_template</c> for the top level of a template that extends at run time: the template it has
    /// extended so far, or null (see <see cref="ExtendingMainNode"/>).
    /// </summary>
    public CompiledTemplate? ParentTemplate { get; set; }

    /// <summary>
    /// <c>{% extends %}</c> resolved at run time: <paramref name="parent"/> becomes the running template's parent, and
    /// its blocks go after those already known in the context's block table (the program's own at first).
    /// </summary>
    public void Extend(CompiledTemplate parent)
    {
        var (program, root, blocks) = _programs.Pop();
        if (blocks is null)
        {
            _tables++;
        }

        _programs.Push((program, root, (blocks ?? program.RunTimeBlocks).ExtendedBy(parent)));
        ParentTemplate = parent;
    }

    public void Prepare(RenderGlobals globals)
    {
        // No writable global is pushed: compiled templates keep all state in frames, so the shared builtins
        // (read-only, empty) are the only globals a render sees.
        Globals = globals;
    }

    public void Clear()
    {
        while (_programs.Count > 0)
        {
            _programs.Pop();
        }

        Modules.Clear();
        Frame = null!;
        ParentTemplate = null;
        _tables = 0;
        Recursion = null;
        Flow = LoopFlow.None;
        _depth = 0;
        _loopSteps = 0;
        _captureDepth = 0;
        Globals = null!;
        Eval = _mainEval;
        Reset();
    }

    /// <summary>
    /// Runs a program's main page with <paramref name="root"/> as its root frame, writing to the current output;
    /// <paramref name="blocks"/> is the block table of the context it runs in (a parent's page run by the template that
    /// extended it at run time), or null for the program's own.
    /// </summary>
    public void RunMain(CompiledTemplate program, Frame root, BlockTable? blocks = null)
    {
        EnterNested();

        // Each run of a main page (the render, an include, an import) is a Jinja template context with its own
        // evaluation context, starting as the template's name decides.
        var savedEval = Eval;
        var nested = _programs.Count > 0;
        Eval = nested ? new EvalContext() : _mainEval;
        Eval.Autoescape = program.Autoescape;
        _programs.Push((program, root, blocks));
        _tables += blocks is null ? 0 : 1;
        var saved = Frame;
        Frame = root;
        try
        {
            Evaluate(program.Main);
        }
        catch (ScriptRuntimeException e) when (e.InnerException is InsufficientExecutionStackException stack && nested)
        {
            // In an include or import, Scriban's own stack check can trip before this one (EnterNested) at the next
            // level: report it as a runtime error, so the tag that went one level too deep names its line. (The
            // render itself reports Scriban's errors where Scriban was.)
            throw new JinjaRuntimeException(StackGuard.Describe(stack), e);
        }
        finally
        {
            Eval = savedEval;
            Frame = saved;
            Pop();
            _depth--;
        }
    }

    /// <summary>Runs nested statements (the body of a tag) after checking the stack; returns null.</summary>
    public object? RunBody(ScriptStatement body, SourceSpan span)
    {
        EnsureStack(span);
        Evaluate(body);
        return null;
    }

    /// <summary>
    /// Fails the render, naming the tag at <paramref name="span"/>, when the stack is nearly exhausted: tags nest
    /// in the template's own tree, and every tag with a body checks before running it (see <see cref="StackGuard"/>).
    /// </summary>
    public void EnsureStack(SourceSpan span)
    {
        if (!StackGuard.HasRoom())
        {
            throw JinjaSpan.Error($"{StackGuard.Exceeded}: the template is nested too deeply.", span, "", null);
        }
    }

    /// <summary>Runs <paramref name="body"/> and returns what it wrote instead of writing it.</summary>
    public string CaptureBody(ScriptNode body)
    {
        var output = PushCapture();
        try
        {
            Evaluate(body);
        }
        finally
        {
            PopCapture(output);
        }

        return CapturedText;
    }

    private int _depth;
    private int _loopSteps;

    /// <summary>Counts one loop iteration against <see cref="TemplateEngineOptions.MaxLoopIterations"/> (all loops of a render together).</summary>
    public void StepLoop(SourceSpan span)
    {
        if (++_loopSteps > LoopLimit && LoopLimit > 0)
        {
            throw new ScriptRuntimeException(span, $"Exceeding number of iteration limit `{LoopLimit}` for loop statement.");
        }
    }

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

        // Each level can cost many kilobytes of stack (a unit's nested statements and expressions): the count
        // alone cannot tell when the stack of this thread runs out.
        if (!StackGuard.HasRoom())
        {
            _depth--;
            throw new JinjaRuntimeException($"{StackGuard.Exceeded}: macros, blocks or includes are nested too deeply for the stack ({_depth} levels)");
        }
    }

    /// <summary>Renders a program's main page into a string.</summary>
    public string Capture(CompiledTemplate program, Frame root)
    {
        var output = PushCapture();
        try
        {
            RunMain(program, root);
        }
        finally
        {
            PopCapture(output);
        }

        return CapturedText;
    }

    private StringBuilderOutput PushCapture()
    {
        // One builder per nesting level, kept with the pooled context: a render's output buffer is reused, not regrown.
        if (_captureDepth == _captures.Count)
        {
            _captures.Add(new StringBuilderOutput(new System.Text.StringBuilder(4096)));
        }

        var output = _captures[_captureDepth++];
        output.Builder.Clear();
        PushOutput(output);
        return output;
    }

    private void PopCapture(StringBuilderOutput output)
    {
        PopOutput();
        _captureDepth--;
        CapturedText = output.Builder.ToString();
        if (output.Builder.Capacity > MaxKeptCapacity)
        {
            _captures[_captureDepth] = new StringBuilderOutput(new System.Text.StringBuilder(4096));
        }
    }

    // A page larger than this gets a fresh buffer afterwards, so one huge render does not pin memory in the pool.
    private const int MaxKeptCapacity = 256 * 1024;

    private readonly List<StringBuilderOutput> _captures = [];
    private int _captureDepth;

    private string CapturedText { get; set; } = "";

    /// <summary>
    /// Invokes a function unit in the context of <paramref name="program"/>: binds its frame from
    /// <paramref name="argument"/> (a <see cref="BlockCall"/>, <see cref="MacroCall"/> or <see cref="RecursiveCall"/>),
    /// runs its body and returns what it wrote, as markup when the unit returns markup.
    /// </summary>
    public object Invoke(ScriptUnit unit, CompiledTemplate program, Frame root, object argument)
    {
        EnterNested();

        // A block or a recursive loop runs in the context of the code that calls it; a macro in the context it was
        // defined in, whose block table (if any) is the one its program is part of.
        var blocks = _tables == 0 ? null : argument is MacroCall ? TableOf(program) : _programs.Peek().Blocks;

        // Jinja marks a macro's or block's output safe by autoescape where it is called; a recursive loop's by
        // autoescape where the loop is written (at run time inside an {% autoescape %} with a non-constant value).
        var markup = argument is RecursiveCall && !unit.MarksAtRuntime ? unit.ReturnsMarkup : Autoescape;
        _programs.Push((program, root, blocks));
        _tables += blocks is null ? 0 : 1;
        var savedFrame = Frame;
        var savedRecursion = Recursion;
        var savedEval = Eval;
        try
        {
            switch (argument)
            {
                case MacroCall call:
                    // The body runs in the template context that defined the macro.
                    Eval = call.Macro.Eval;
                    Frame = JinjaRuntime.BindMacro(call);
                    foreach (var (name, value) in unit.Defaults)
                    {
                        // Defaults are evaluated in the macro's frame, in order: a default may read an earlier parameter.
                        if (!Frame.HasOwn(name))
                        {
                            Frame.Set(name, PyOps.Normalize(value.Value(this)));
                        }
                    }

                    break;
                case RecursiveCall recursion:
                    Frame = new Frame(recursion.Frame, null);
                    Recursion = recursion;
                    break;
                default:
                    Frame = new Frame(((BlockCall)argument).Frame, null);
                    break;
            }

            var text = CaptureBody(unit.Body);
            return markup ? new Markup(text) : text;
        }
        finally
        {
            Eval = savedEval;
            Frame = savedFrame;
            Recursion = savedRecursion;
            Pop();
            _depth--;
        }
    }

    private void Pop()
    {
        if (_programs.Pop().Blocks is not null)
        {
            _tables--;
        }
    }

    // The innermost block table holding blocks of `program`: the context of a macro defined in a template that extends at run time.
    private BlockTable? TableOf(CompiledTemplate program)
    {
        foreach (var (_, _, blocks) in _programs)
        {
            if (blocks is not null && blocks.Holds(program))
            {
                return blocks;
            }
        }

        return null;
    }

    /// <inheritdoc/>
    public override TemplateContext Write(SourceSpan span, object? textAsObject)
    {
        if (textAsObject is IScriptOutput o)
        {
            return base.Write(span, o);
        }

        WriteValue(textAsObject, escape: true);
        return this;
    }

    /// <summary>
    /// Prints <paramref name="value"/> as <c>{{ }}</c> does: markup as is, anything else as Python prints it,
    /// escaped when <paramref name="escape"/> is true. Writes straight to the output (no intermediate
    /// <see cref="Markup"/> or escaped copy).
    /// </summary>
    public void WriteValue(object? value, bool escape)
    {
        switch (value)
        {
            case string s:
                if (escape)
                {
                    WriteEscaped(s);
                }
                else
                {
                    Write(s);
                }

                return;
            case Markup m:
                Write(m.Value);
                return;
            case long l:
                Write(l.ToString(CultureInfo.InvariantCulture));
                return;
        }

        if (PyOps.AsMarkup(value) is { } markup)
        {
            Write(markup.Value);
        }
        else if (escape)
        {
            WriteEscaped(PyOps.Str(value));
        }
        else
        {
            Write(PyOps.Str(value));
        }
    }

    /// <summary>Writes <paramref name="text"/> escaped as MarkupSafe escapes it (see <see cref="Escaper.Html"/>).</summary>
    public void WriteEscaped(string text)
    {
        var start = 0;
        while (true)
        {
            var i = Escaper.IndexOfHtmlSpecial(text.AsSpan(start));
            if (i < 0)
            {
                if (start == 0)
                {
                    Write(text);
                }
                else if (start < text.Length)
                {
                    Write(text, start, text.Length - start);
                }

                return;
            }

            if (i > 0)
            {
                Write(text, start, i);
            }

            Write(Escaper.HtmlEntity(text[start + i]));
            start += i + 1;
        }
    }

    /// <inheritdoc/>
    public override ValueTask<TemplateContext> WriteAsync(SourceSpan span, object? textAsObject) => new(Write(span, textAsObject));
}
