namespace Micro.Templates;

/// <summary>
/// Reports a template that cannot be loaded, compiled or rendered: a syntax error, an unknown filter or
/// test, a missing template, an undefined value used as a macro or object, or an error inside a filter.
/// </summary>
/// <remarks>
/// <see cref="Exception.Message"/> reads like <c>No filter named 'uper'. (page.html, line 3, column 12)</c>.
/// </remarks>
public sealed class TemplateException : Exception
{
    /// <summary>Creates an exception for <paramref name="templateName"/> at a one-based position.</summary>
    /// <param name="reason">What went wrong, without the position.</param>
    /// <param name="templateName">The template's name as passed to the loader, or null when not known.</param>
    /// <param name="line">One-based line, or 0 when not known.</param>
    /// <param name="column">One-based column, or 0 when not known.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public TemplateException(string reason, string? templateName, int line, int column, Exception? innerException = null)
        : base(Format(reason, templateName, line, column), innerException)
    {
        Reason = reason;
        TemplateName = templateName;
        Line = line;
        Column = column;
    }

    /// <summary>What went wrong, without the position.</summary>
    public string Reason { get; }

    /// <summary>The name of the template where the error is, or null when not known.</summary>
    public string? TemplateName { get; }

    /// <summary>The one-based line of the error, or 0 when not known.</summary>
    public int Line { get; }

    /// <summary>The one-based column of the error, or 0 when not known.</summary>
    public int Column { get; }

    /// <summary>For a missing template, the folders that were searched; otherwise empty.</summary>
    public IReadOnlyList<string> SearchedFolders { get; init; } = [];

    private static string Format(string reason, string? name, int line, int column) =>
        name is null ? reason
        : line <= 0 ? $"{reason} ({name})"
        : $"{reason} ({name}, line {line}, column {column})";
}
