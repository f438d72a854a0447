using Micro.Templates.Syntax;
using Scriban;
using Scriban.Syntax;

namespace Micro.Templates.Runtime;

/// <summary>
/// A Jinja tag that runs as C# over the render's current frame: <c>set</c>, <c>with</c>, <c>include</c>, <c>import</c>,
/// <c>macro</c>, <c>call</c>, <c>filter</c>, a block reference. Its child statements (a captured or scoped body) are
/// Scriban nodes the action runs with <see cref="RenderContext.RunBody"/>; runtime errors of the tag itself are
/// reported at the tag.
/// </summary>
internal sealed class JinjaTagNode : ContainerNode
{
    private readonly string _kind;
    private readonly string _template;
    private readonly SourcePos _pos;
    private readonly Action<RenderContext> _run;
    private readonly bool _nests;

    /// <param name="kind">The tag's name, for printing the tree.</param>
    /// <param name="template">The template the tag is in.</param>
    /// <param name="pos">Where the tag is.</param>
    /// <param name="run">What the tag does.</param>
    /// <param name="children">The nodes the action evaluates (for Scriban's visitors).</param>
    public JinjaTagNode(string kind, string template, SourcePos pos, Action<RenderContext> run, params ScriptNode[] children)
        : base(children)
    {
        _kind = kind;
        _template = template;
        _pos = pos;
        _run = run;
        _nests = children.Any(child => child is ScriptBlockStatement or LoopBodyNode);
        Span = JinjaSpan.At(template, pos);
    }

    /// <inheritdoc/>
    public override object? Evaluate(TemplateContext context)
    {
        var c = (RenderContext)context;
        try
        {
            // A tag with a body nests the template's statements: check the stack before going deeper. (Macros,
            // blocks and includes check when they are entered, and fail at the tag that calls them.)
            if (_nests)
            {
                c.EnsureStack(Span);
            }

            _run(c);
        }
        catch (Exception e) when (JinjaSpan.NeedsPosition(e))
        {
            throw JinjaSpan.Position(e, _template, _pos, null);
        }

        return null;
    }

    /// <inheritdoc/>
    public override void PrintTo(ScriptPrinter printer) => printer.Write("{% " + _kind + " %}");
}
