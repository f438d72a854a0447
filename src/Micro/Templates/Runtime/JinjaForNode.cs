using Scriban;
using Scriban.Syntax;

namespace Micro.Templates.Runtime;

/// <summary>
/// A Jinja <c>{% for %}</c>: for each item it binds a new frame (the loop targets and, when the body can see it,
/// <c>loop</c>) as the render's current frame and runs the body; then the <c>{% else %}</c> body if there was no item.
/// A list is iterated live and an <c>if</c> clause filters the items as they are reached, as in Jinja (see
/// <see cref="LoopContext"/>; <c>loop.length</c> counts the kept ones). The iteration limit (<see cref="TemplateEngineOptions.MaxLoopIterations"/>) is kept by <see cref="RenderContext.StepLoop"/>.
/// </summary>
/// <remarks>
/// The body's statements run straight from here: text and <see cref="OutputRunNode"/>s (a table row, a list item) are
/// written with the iteration's frame, without a round trip through Scriban's block statement for each item.
/// </remarks>
internal sealed class JinjaForNode : ScriptStatement
{
    private readonly JinjaExprNode? _iterable;
    private readonly string[] _targets;
    private readonly bool _bindLoop;
    private readonly JinjaExprNode? _filter;
    private readonly ScriptStatement _body;
    private readonly ScriptStatement? _else;
    private readonly ScriptStatement[] _statements;

    /// <param name="iterable">What to iterate, or null in the body of a recursive loop (the items it was called with).</param>
    /// <param name="targets">The loop variables.</param>
    /// <param name="bindLoop">Whether the body can read <c>loop</c> (else no <see cref="LoopIteration"/> is allocated per item).</param>
    /// <param name="filter">The <c>if</c> clause, or null.</param>
    /// <param name="body">The loop body.</param>
    /// <param name="otherwise">The <c>else</c> body, or null.</param>
    /// <param name="span">The position of the <c>for</c> tag.</param>
    public JinjaForNode(JinjaExprNode? iterable, string[] targets, bool bindLoop, JinjaExprNode? filter, ScriptStatement body, ScriptStatement? otherwise, Scriban.Parsing.SourceSpan span)
    {
        _iterable = iterable;
        _targets = targets;
        _bindLoop = bindLoop;
        _filter = filter;
        _body = body;
        _else = otherwise;
        _statements = body switch
        {
            ScriptBlockStatement block => [.. block.Statements],
            LoopBodyNode loopBody => loopBody.Statements,
            _ => [body],
        };
        Span = span;
    }

    /// <summary>Whether the body holds a <c>{% break %}</c> or <c>{% continue %}</c> (else no flow state is checked per statement).</summary>
    public bool HasLoopControls { get; init; }

    /// <inheritdoc/>
    public override object? Evaluate(TemplateContext context)
    {
        var c = (RenderContext)context;
        var parent = c.Frame;
        var recursion = _iterable is null ? c.Recursion : null;
        LoopContext state;
        try
        {
            c.EnsureStack(Span);
            var iterable = _iterable is null ? recursion!.Iterable : _iterable.Value(c);
            state = new LoopContext(iterable, recursion, _filter is null ? null : item => Keep(c, item, parent));
        }
        catch (Exception e) when (JinjaSpan.NeedsPosition(e))
        {
            throw JinjaSpan.Position(e, Span.FileName, new(Span.Start.Line, Span.Start.Column), null);
        }
        finally
        {
            c.Frame = parent;
        }

        var statements = _statements;
        // Jinja runs the else body when no iteration ran its body to the end (so also when each one broke or continued).
        var completed = false;
        try
        {
            // The items come from the live list (see LoopContext): the body may change what comes next, as in Jinja.
            while (state.MoveNext())
            {
                c.StepLoop(Span);
                c.Frame = Bind(state, parent, _bindLoop);
                if (HasLoopControls)
                {
                    var flow = RunWithLoopControls(c, statements);
                    if (flow == LoopFlow.Break)
                    {
                        break;
                    }

                    completed |= flow == LoopFlow.None;
                    continue;
                }

                foreach (var statement in statements)
                {
                    if (statement is OutputRunNode run)
                    {
                        run.Write(c, c.Frame);
                    }
                    else if (statement is ScriptRawStatement raw)
                    {
                        raw.Evaluate(c);
                    }
                    else
                    {
                        c.Evaluate(statement);
                    }
                }

                completed = true;
            }
        }
        finally
        {
            c.Frame = parent;
        }

        return !completed && _else is not null ? c.RunBody(_else, Span) : null;
    }

    // Runs one iteration's statements until a break or continue; returns it (consumed), or None.
    private static LoopFlow RunWithLoopControls(RenderContext c, ScriptStatement[] statements)
    {
        foreach (var statement in statements)
        {
            c.Evaluate(statement);
            var flow = c.Flow;
            if (flow != LoopFlow.None)
            {
                c.Flow = LoopFlow.None;
                return flow;
            }
        }

        return LoopFlow.None;
    }

    // The `if` clause for one item, run as the item is reached (when the loop moves on, or when the body looks ahead
    // with loop.last or asks loop.length), in a frame binding the loop's targets over the frame around the loop.
    private bool Keep(RenderContext c, object? item, Frame parent)
    {
        c.StepLoop(Span);
        var frame = c.Frame;
        c.Frame = Bind(item, parent);
        try
        {
            return _filter!.Truth(c);
        }
        finally
        {
            c.Frame = frame;
        }
    }

    private Frame Bind(LoopContext state, Frame parent, bool bindLoop)
    {
        try
        {
            return state.Bind(parent, _targets, bindLoop);
        }
        catch (JinjaRuntimeException e)
        {
            throw JinjaSpan.Position(e, Span.FileName, new(Span.Start.Line, Span.Start.Column), null);
        }
    }

    private Frame Bind(object? item, Frame parent)
    {
        try
        {
            return LoopContext.BindTargets(item, parent, _targets);
        }
        catch (JinjaRuntimeException e)
        {
            throw JinjaSpan.Position(e, Span.FileName, new(Span.Start.Line, Span.Start.Column), null);
        }
    }

    /// <inheritdoc/>
    public override int ChildrenCount => 4;

    /// <inheritdoc/>
    protected override ScriptNode GetChildrenImpl(int index) => index switch
    {
        0 => _iterable!,
        1 => _filter!,
        2 => _body,
        _ => _else!,
    };

    /// <inheritdoc/>
    public override void Accept(ScriptVisitor visitor) => visitor.Visit(_body);

    /// <inheritdoc/>
    public override TResult Accept<TResult>(ScriptVisitor<TResult> visitor) => visitor.Visit(_body)!;

    /// <inheritdoc/>
    public override void PrintTo(ScriptPrinter printer) => printer.Write("{% for %}");
}
