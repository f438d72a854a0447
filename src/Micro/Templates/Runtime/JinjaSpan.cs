using Micro.Templates.Syntax;
using Scriban.Parsing;

namespace Micro.Templates.Runtime;

/// <summary>
/// Spans of the Scriban nodes built from Jinja: the file name is the Jinja template's name and the line and column are
/// the Jinja position itself, so an error Scriban raises at a node (the loop or output limit) names the template,
/// line and column with no mapping back.
/// </summary>
internal static class JinjaSpan
{
    /// <summary>The span of a node written at <paramref name="pos"/> in <paramref name="template"/>.</summary>
    public static SourceSpan At(string template, SourcePos pos)
    {
        var at = new TextPosition(0, pos.Line, pos.Column);
        return new SourceSpan(template, at, at);
    }

    /// <summary>The error to report for <paramref name="reason"/> raised at <paramref name="span"/> (a span from <see cref="At"/>, or none).</summary>
    public static TemplateException Error(string reason, SourceSpan span, string fallbackTemplate, Exception? inner) =>
        span.FileName is { } template
            ? new TemplateException(reason, template, span.Start.Line, span.Start.Column, inner)
            : new TemplateException(reason, fallbackTemplate, 0, 0, inner);

    /// <summary>
    /// The error to report for a runtime error <paramref name="e"/> raised in <paramref name="template"/>: at
    /// <paramref name="exact"/> (the part of an expression that failed) when known, else at <paramref name="fallback"/>.
    /// </summary>
    public static TemplateException Position(Exception e, string template, SourcePos fallback, SourcePos? exact)
    {
        var pos = exact ?? fallback;
        return e switch
        {
            JinjaRuntimeException j => new TemplateException(j.Message, template, pos.Line, pos.Column, j.InnerException),
            TemplateException t => new TemplateException(t.Reason, template, pos.Line, pos.Column, t.InnerException) { SearchedFolders = t.SearchedFolders },
            _ => new TemplateException(StackGuard.Describe(e), template, pos.Line, pos.Column, e),
        };
    }

    /// <summary>True for the errors <see cref="Position"/> positions: runtime errors without a template position.</summary>
    public static bool NeedsPosition(Exception e) => e switch
    {
        TemplateException t => t.Line == 0,
        Scriban.Syntax.ScriptRuntimeException or OperationCanceledException => false,
        _ => true,
    };
}
