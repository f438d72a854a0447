using Scriban;
using Scriban.Syntax;

namespace Micro.Templates.Runtime;

/// <summary>
/// The statements of a body inside a loop that may hold <c>{% break %}</c> or <c>{% continue %}</c>: like Scriban's
/// block statement, but it stops at a loop control (<see cref="RenderContext.Flow"/>). Used only where loop controls are
/// enabled and the body is inside a loop, so other bodies pay nothing for them.
/// </summary>
internal sealed class LoopBodyNode : ScriptStatement
{
    public LoopBodyNode(ScriptStatement[] statements, Scriban.Parsing.SourceSpan span)
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

    /// <inheritdoc/>
    public override int ChildrenCount => Statements.Length;

    /// <inheritdoc/>
    protected override ScriptNode GetChildrenImpl(int index) => Statements[index];

    /// <inheritdoc/>
    public override void Accept(ScriptVisitor visitor)
    {
        foreach (var statement in Statements)
        {
            visitor.Visit(statement);
        }
    }

    /// <inheritdoc/>
    public override TResult Accept<TResult>(ScriptVisitor<TResult> visitor)
    {
        var result = default(TResult)!;
        foreach (var statement in Statements)
        {
            result = visitor.Visit(statement)!;
        }

        return result;
    }

    /// <inheritdoc/>
    public override void PrintTo(ScriptPrinter printer)
    {
        foreach (var statement in Statements)
        {
            printer.Write(statement);
        }
    }
}
