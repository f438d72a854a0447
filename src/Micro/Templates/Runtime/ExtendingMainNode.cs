using Scriban;
using Scriban.Syntax;

namespace Micro.Templates.Runtime;

/// <summary>
/// The top level of a template whose <c>{% extends %}</c> is resolved at run time (a computed name, or inside
/// <c>{% if %}</c>): runs it with its own <see cref="RenderContext.ParentTemplate"/> (Jinja's <c>parent_template</c>),
/// then, if it extended a template, renders that parent's page in the same context, as Jinja's root render function does.
/// </summary>
internal sealed class ExtendingMainNode(ScriptBlockStatement body) : WrapperNode(body)
{
    /// <inheritdoc/>
    public override object? Evaluate(TemplateContext context)
    {
        var c = (RenderContext)context;
        var saved = c.ParentTemplate;
        c.ParentTemplate = null;
        try
        {
            c.Evaluate(Inner);
            if (c.ParentTemplate is { } parent)
            {
                c.RunMain(parent, c.Current.Root, c.Blocks!.EnteringPageOf(parent));
            }
        }
        finally
        {
            c.ParentTemplate = saved;
        }

        return null;
    }
}
