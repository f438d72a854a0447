namespace Micro.Templates.Syntax;

/// <summary>
/// The settings of Jinja's <c>Environment</c> that change how a template is lexed and parsed: the whitespace
/// options and the <c>loopcontrols</c> and <c>do</c> extensions. The defaults are Jinja's (and Flask's).
/// </summary>
/// <param name="TrimBlocks">Removes the first newline after a block or comment tag (<c>trim_blocks</c>).</param>
/// <param name="LstripBlocks">Strips spaces and tabs from the start of a line up to a block or comment tag (<c>lstrip_blocks</c>).</param>
/// <param name="KeepTrailingNewline">Keeps a single trailing newline (<c>keep_trailing_newline</c>).</param>
/// <param name="LoopControls">Parses <c>{% break %}</c> and <c>{% continue %}</c> (<c>jinja2.ext.loopcontrols</c>).</param>
/// <param name="Do">Parses <c>{% do expr %}</c> (<c>jinja2.ext.do</c>).</param>
internal sealed record SyntaxOptions(
    bool TrimBlocks = false, bool LstripBlocks = false, bool KeepTrailingNewline = false, bool LoopControls = false, bool Do = false)
{
    /// <summary>Jinja's defaults: no trimming, one trailing newline removed, no extensions.</summary>
    public static readonly SyntaxOptions Default = new();

    /// <summary>The syntax settings of <paramref name="options"/>.</summary>
    public static SyntaxOptions From(TemplateEngineOptions options) =>
        options.TrimBlocks || options.LstripBlocks || options.KeepTrailingNewline || options.EnableLoopControls || options.EnableDoStatement
            ? new(options.TrimBlocks, options.LstripBlocks, options.KeepTrailingNewline, options.EnableLoopControls, options.EnableDoStatement)
            : Default;
}
