using Micro.Templates.Runtime;
using Scriban.Syntax;

namespace Micro.Templates.Compilation;

/// <summary>
/// A function of a compiled template: a block, a macro, a <c>{% call %}</c> body or a recursive loop. Its body is a
/// Scriban statement that <see cref="RenderContext.Invoke"/> runs in a new frame, capturing what it writes.
/// </summary>
/// <param name="template">The template the function is written in.</param>
/// <param name="body">The statements of the function.</param>
/// <param name="returnsMarkup">For a recursive loop, whether its output is returned as markup (autoescape is on where it is written, as Jinja decides); macros and blocks are marked where they are called.</param>
internal sealed class ScriptUnit(string template, ScriptStatement body, bool returnsMarkup)
{
    /// <summary>The template the function is written in.</summary>
    public string Template { get; } = template;

    /// <summary>The statements of the function.</summary>
    public ScriptStatement Body { get; } = body;

    /// <summary>Whether the captured output is returned as <see cref="Markup"/> rather than a string.</summary>
    public bool ReturnsMarkup { get; } = returnsMarkup;

    /// <summary>
    /// For a recursive loop written inside an <c>{% autoescape %}</c> with a non-constant value: whether its output is
    /// markup is decided at run time (<see cref="RenderContext.Autoescape"/>), not by <see cref="ReturnsMarkup"/>.
    /// </summary>
    public bool MarksAtRuntime { get; init; }

    /// <summary>For macros and callers: the signature.</summary>
    public MacroSignature? Signature { get; init; }

    /// <summary>For macros and callers: the parameters with a default, in order, with the default's expression.</summary>
    public IReadOnlyList<(string Name, JinjaExprNode Value)> Defaults { get; init; } = [];
}
