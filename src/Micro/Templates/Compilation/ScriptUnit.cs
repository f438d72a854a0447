using Scriban.Syntax;

namespace Micro.Templates.Compilation;

/// <summary>
/// One parsed piece of Scriban generated from Jinja: a template's main body, or one function
/// (a block, macro, caller body or recursive loop) whose <see cref="Function"/> is invoked from C#.
/// </summary>
internal sealed class ScriptUnit(string path, ScriptPage page, SourceMap map, ScriptFunction? function, bool autoescape)
{
    /// <summary>The unique path Scriban stamps on every span of this unit.</summary>
    public string Path { get; } = path;

    /// <summary>The parsed Scriban page, with runtime calls rewritten to direct calls.</summary>
    public ScriptPage Page { get; } = page;

    /// <summary>Maps Scriban positions back to Jinja.</summary>
    public SourceMap Map { get; } = map;

    /// <summary>The function to invoke, for function units.</summary>
    public ScriptFunction? Function { get; } = function;

    /// <summary>Whether output in this unit is autoescaped (decides Markup vs string captures).</summary>
    public bool Autoescape { get; } = autoescape;

    /// <summary>For macros and callers: the signature.</summary>
    public MacroSignature? Signature { get; init; }
}
