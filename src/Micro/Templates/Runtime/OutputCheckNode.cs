using Scriban;
using Scriban.Syntax;

namespace Micro.Templates.Runtime;

/// <summary>
/// Output at the top level of a template after a <c>{% extends %}</c> that may or may not have run (one inside
/// <c>{% if %}</c>): written only while the template has not extended another, as Jinja's <c>if parent_template is
/// None</c> guard does. Output after an <c>{% extends %}</c> that always runs is dropped when compiling instead.
/// </summary>
internal sealed class OutputCheckNode(ScriptStatement output) : WrapperNode(output)
{
    /// <inheritdoc/>
    public override object? Evaluate(TemplateContext context)
    {
        var c = (RenderContext)context;
        return c.ParentTemplate is null ? c.Evaluate(Inner) : null;
    }
}
