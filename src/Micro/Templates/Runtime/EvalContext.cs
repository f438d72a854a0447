namespace Micro.Templates.Runtime;

/// <summary>
/// Jinja's evaluation context (<c>context.eval_ctx</c>): whether autoescape is on right now in one template context
/// (a render, an include, an import). It starts as the template's name decides and changes for the body of each
/// <c>{% autoescape %}</c> while it runs. Filters (<c>join</c>, <c>replace</c>, <c>xmlattr</c>, <c>urlize</c>), a
/// <c>{% set %}</c> block's captured text and a macro's output (marked safe where the macro is called) read it at
/// run time; a macro's body runs in the context of the template that defines it, as in Jinja.
/// </summary>
internal sealed class EvalContext
{
    /// <summary>Whether autoescape is on.</summary>
    public bool Autoescape { get; set; }
}
