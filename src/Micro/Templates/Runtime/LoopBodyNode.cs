using Scriban;
using Scriban.Syntax;

namespace Micro.Templates.Runtime;

/// <summary>
/// The statements of a body inside a loop that may hold <c>{% break %}</c> or <c>{% continue %}</c>: like Scriban's
/// block statement, but it stops at a loop control (<see cref="RenderContext.Flow"/>). Used only where loop controls are
/// enabled and the body is inside a loop, so other bodies pay nothing for them.
/// </summary>
internal sealed class LoopBodyNode : ContainerNode
{
    public LoopBodyNode(ScriptStatement[] statements, Scriban.Parsing.SourceSpan span)
        : base(statements)
    {
        Statements = statements;
        Span = span;
    }

    /// <summary>The statements, in order.</summary>
    public ScriptStatement[] Statements { get; }

    /// <inheritdoc/>
    public override object? Evaluate(TemplateContext context)
    {
        var c = (RenderContext)context;
        foreach (var statement in Statements)
        {
            c.Evaluate(statement);
            if (c.Flow != LoopFlow.None)
            {
                break;
            }
        }

        return null;
    }
}
