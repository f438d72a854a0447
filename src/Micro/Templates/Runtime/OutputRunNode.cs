using Micro.Templates.Compilation;
using Scriban;
using Scriban.Syntax;

namespace Micro.Templates.Runtime;

/// <summary>
/// Writes an <see cref="OutputRun"/> straight to the current output: one Scriban statement for what
/// would otherwise be one per data chunk and per <c>{{ }}</c> (Scriban's per-statement cost dominates
/// simple pages such as a table row). Returns null, so Scriban writes nothing more.
/// </summary>
internal sealed class OutputRunNode(OutputRun run, ScriptExpression frame) : ScriptExpression
{
    /// <summary>The expression giving the frame the run reads its names from (a frame variable).</summary>
    public ScriptExpression FrameExpression => frame;

    /// <inheritdoc/>
    public override object? Evaluate(TemplateContext context)
    {
        Write((RenderContext)context, (Frame)context.Evaluate(frame)!);
        return null;
    }

    /// <summary>Writes the run with <paramref name="f"/> as its frame.</summary>
    public void Write(RenderContext c, Frame f)
    {
        var parts = run.Parts;
        for (var i = 0; i < parts.Length; i++)
        {
            var (text, expr, escape) = parts[i];
            if (text is not null)
            {
                c.Write(text);
            }
            else
            {
                JinjaExprNode.EvaluateMapped(c, f, expr!, run.Template, escape ? JinjaExprNode.Kind.WriteEscaped : JinjaExprNode.Kind.WriteRaw, autoescape: escape);
            }
        }
    }

    /// <inheritdoc/>
    public override int ChildrenCount => 1;

    /// <inheritdoc/>
    protected override ScriptNode GetChildrenImpl(int index) => frame;

    /// <inheritdoc/>
    public override void Accept(ScriptVisitor visitor) => visitor.Visit(frame);

    /// <inheritdoc/>
    public override TResult Accept<TResult>(ScriptVisitor<TResult> visitor) => visitor.Visit(frame)!;

    /// <inheritdoc/>
    public override void PrintTo(ScriptPrinter printer) => printer.Write("j_run(").Write(frame).Write(")");
}
