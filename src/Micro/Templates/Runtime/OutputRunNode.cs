using Micro.Templates.Compilation;
using Scriban;
using Scriban.Syntax;

namespace Micro.Templates.Runtime;

/// <summary>
/// Writes an <see cref="OutputRun"/> straight to the current output: one Scriban statement for what would otherwise
/// be one per data chunk and per <c>{{ }}</c> (Scriban's per-statement cost dominates simple pages such as a table row).
/// </summary>
internal sealed class OutputRunNode : ScriptStatement
{
    private readonly OutputRun _run;

    public OutputRunNode(OutputRun run, Syntax.SourcePos pos)
    {
        _run = run;
        Span = JinjaSpan.At(run.Template, pos);
    }

    /// <inheritdoc/>
    public override object? Evaluate(TemplateContext context)
    {
        var c = (RenderContext)context;
        Write(c, c.Frame);
        return null;
    }

    /// <summary>Writes the run with <paramref name="f"/> as its frame.</summary>
    public void Write(RenderContext c, Frame f)
    {
        var parts = _run.Parts;
        for (var i = 0; i < parts.Length; i++)
        {
            var (text, expr, escape) = parts[i];
            if (text is not null)
            {
                c.Write(text);
            }
            else
            {
                JinjaExprNode.EvaluateMapped(c, f, expr!, _run.Template, escape ? JinjaExprNode.Kind.WriteEscaped : JinjaExprNode.Kind.WriteRaw, autoescape: escape);
            }
        }
    }

    /// <inheritdoc/>
    public override int ChildrenCount => 0;

    /// <inheritdoc/>
    protected override ScriptNode GetChildrenImpl(int index) => throw new ArgumentOutOfRangeException(nameof(index));

    /// <inheritdoc/>
    public override void Accept(ScriptVisitor visitor)
    {
    }

    /// <inheritdoc/>
    public override TResult Accept<TResult>(ScriptVisitor<TResult> visitor) => default!;

    /// <inheritdoc/>
    public override void PrintTo(ScriptPrinter printer) => printer.Write("{{ jinja output }}");
}
