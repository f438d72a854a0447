namespace Micro.Templates;

/// <summary>Settings for a <see cref="TemplateEngine"/>.</summary>
public sealed class TemplateEngineOptions
{
    /// <summary>Folders searched in order for template files. Default: <c>templates</c>.</summary>
    public IList<string> Folders { get; } = new List<string> { "templates" };

    /// <summary>Re-checks the timestamps of a template and every file it extends, includes or imports before each render (Development). Default: false.</summary>
    public bool AutoReload { get; set; }

    /// <summary>Caches rendered output for repeat renders with equal arguments, where provably safe. Default: true.</summary>
    public bool OutputCacheEnabled { get; set; } = true;

    /// <summary>The output cache's bound, in bytes of cached text (UTF-16) and keys. Default: 16 MB.</summary>
    public long OutputCacheSizeBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Model keys longer than this (in characters) are not output-cached. Default: 4096.</summary>
    public int OutputCacheMaxKeyLength { get; set; } = 4096;

    /// <summary>Template file extensions whose output is autoescaped. Default: html, htm, xml, svg (as Flask).</summary>
    public ISet<string> AutoescapeExtensions { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".html", ".htm", ".xml", ".svg" };

    /// <summary>
    /// Removes the first newline after a block tag (<c>{% ... %}</c>) or a comment, as Jinja's <c>trim_blocks</c>;
    /// <c>+%}</c> keeps it for one tag. Read when a template compiles. Default: false (as Flask).
    /// </summary>
    public bool TrimBlocks { get; set; }

    /// <summary>
    /// Strips spaces and tabs from the start of a line up to a block tag or a comment, as Jinja's <c>lstrip_blocks</c>;
    /// <c>{%+</c> keeps them for one tag. Read when a template compiles. Default: false (as Flask).
    /// </summary>
    public bool LstripBlocks { get; set; }

    /// <summary>Keeps the single newline at the end of a template, as Jinja's <c>keep_trailing_newline</c>. Read when a template compiles. Default: false (as Flask).</summary>
    public bool KeepTrailingNewline { get; set; }

    /// <summary>The most loop iterations one render may run, all its loops (nested or not) counted together; more throws. Default: 1,000,000.</summary>
    public int MaxLoopIterations { get; set; } = 1_000_000;

    /// <summary>The deepest macro/include/block nesting. Default: 200.</summary>
    public int MaxRecursionDepth { get; set; } = 200;

    /// <summary>The longest output one render may produce, in characters; more throws. Default: 64 M.</summary>
    public int MaxOutputChars { get; set; } = 64 * 1024 * 1024;

    /// <summary>
    /// The longest string (in characters) or list (in items) one render may build on the way to its output; building
    /// a longer one (<c>'x'|center(10**9)</c>, <c>'%1000000000d' % 1</c>, a string doubled in a loop, a huge
    /// <c>|join</c>, <c>|replace</c>, <c>|indent</c> or <c>|wordwrap</c>) throws a <see cref="TemplateException"/> instead
    /// of taking gigabytes. 0 or less: no limit. Default: 16 M, a quarter of <see cref="MaxOutputChars"/>'s default
    /// (a 32 MB string, a 128 MB list); keep it at or below <see cref="MaxOutputChars"/>.
    /// </summary>
    /// <remarks>Values passed in by the application (the model, globals) are not measured; what a template makes of them is.</remarks>
    public int MaxValueLength { get; set; } = Runtime.SizeGuard.DefaultLimit;

    /// <summary>
    /// Enables <c>{% break %}</c> and <c>{% continue %}</c> in loops, as Jinja's <c>jinja2.ext.loopcontrols</c>
    /// extension does (Flask: <c>app.jinja_env.add_extension("jinja2.ext.loopcontrols")</c>). Default: false, and
    /// the tags are unknown, as in Jinja.
    /// </summary>
    public bool EnableLoopControls { get; set; }

    /// <summary>
    /// Enables <c>{% do expression %}</c>, which evaluates an expression and prints nothing (<c>{% do items.append(x) %}</c>),
    /// as Jinja's <c>jinja2.ext.do</c> extension does. Default: false, and the tag is unknown, as in Jinja.
    /// </summary>
    public bool EnableDoStatement { get; set; }
}
