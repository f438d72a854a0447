using Scriban;
using Scriban.Syntax;

namespace Micro.Templates.Runtime;

/// <summary>
/// A Jinja <c>{% for %}</c> as one Scriban statement: for each item it binds a new frame (the loop targets and,
/// when the body can see it, <c>loop</c>) to the frame variable and evaluates the body. It replaces the generated
/// <c>for $f in j_for(...)</c>, whose Scriban loop does per-iteration work Jinja has no use for (an enumerator
/// over the frames, a loop store and Scriban's own <c>for.*</c> state, equality of successive items); the
/// iteration limit (<see cref="TemplateEngineOptions.MaxLoopIterations"/>) is kept by <see cref="RenderContext.StepLoop"/>.
/// </summary>
/// <remarks>
/// A body made only of text and <c>{{ }}</c> (a table row, a list item) is text and <see cref="OutputRunNode"/>s
/// reading the loop's frame: they are written directly with the new frame, without a round trip through
/// Scriban's statement dispatch and variable store for each item.
/// </remarks>
internal sealed class JinjaForNode(ScriptVariable variable, ScriptExpression loop, ScriptExpression outer, bool bindLoop, string[] targets, ScriptBlockStatement body) : ScriptStatement
{
    private readonly ScriptNode[]? _direct = DirectBody(body, variable);

    // The body's statements when each is text or an output run reading the loop's frame, else null.
    private static ScriptNode[]? DirectBody(ScriptBlockStatement body, ScriptVariable variable)
    {
        var direct = new List<ScriptNode>();
        foreach (var statement in body.Statements)
        {
            switch (statement)
            {
                case ScriptEndStatement or ScriptEscapeStatement:
                    // Scriban keeps its `end` and its `}}`/`{{` around text as statements that write nothing.
                    break;
                case ScriptRawStatement raw:
                    direct.Add(raw);
                    break;
                case ScriptExpressionStatement { Expression: OutputRunNode { FrameExpression: ScriptVariable v } run } when v.Name == variable.Name:
                    direct.Add(run);
                    break;
                default:
                    return null;
            }
        }

        return [.. direct];
    }

    /// <inheritdoc/>
    public override object? Evaluate(TemplateContext context)
    {
        var c = (RenderContext)context;
        var state = (LoopContext)context.Evaluate(loop)!;
        var parent = (Frame)context.Evaluate(outer)!;
        var items = state.Items;
        for (var i = 0; i < items.Count; i++)
        {
            c.StepLoop(Span);
            var frame = state.Bind(i, parent, targets, bindLoop);
            if (_direct is not null)
            {
                foreach (var node in _direct)
                {
                    if (node is OutputRunNode run)
                    {
                        run.Write(c, frame);
                    }
                    else
                    {
                        node.Evaluate(context);
                    }
                }
            }
            else
            {
                context.SetValue(variable, frame);
                context.Evaluate(body);
            }
        }

        return null;
    }

    /// <inheritdoc/>
    public override int ChildrenCount => 4;

    /// <inheritdoc/>
    protected override ScriptNode GetChildrenImpl(int index) => index switch
    {
        0 => variable,
        1 => loop,
        2 => outer,
        _ => body,
    };

    /// <inheritdoc/>
    public override void Accept(ScriptVisitor visitor) => visitor.Visit(body);

    /// <inheritdoc/>
    public override TResult Accept<TResult>(ScriptVisitor<TResult> visitor) => visitor.Visit(body)!;

    /// <inheritdoc/>
    public override void PrintTo(ScriptPrinter printer) =>
        printer.Write("for ").Write(variable).Write(" in j_for(").Write(loop).Write(", ").Write(outer).Write(")").ExpectEos().Write(body).ExpectEos().Write("end");
}
