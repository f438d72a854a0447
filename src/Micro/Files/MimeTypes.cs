using Microsoft.AspNetCore.StaticFiles;

namespace Micro.Files;

/// <summary>Guesses a content type from a file name with the platform's table, adding the charset Werkzeug adds to text types.</summary>
internal static class MimeTypes
{
    private static readonly FileExtensionContentTypeProvider Provider = new();

    // Werkzeug's get_content_type: text/* and these get "; charset=utf-8".
    private static readonly HashSet<string> TextLike = new(StringComparer.OrdinalIgnoreCase)
    {
        "application/ecmascript", "application/javascript", "application/sql", "application/xml",
        "application/xml-dtd", "application/xml-external-parsed-entity",
    };

    /// <summary>Returns the content type for <paramref name="fileName"/>, or <see langword="null"/> when the extension is unknown.</summary>
    public static string? Guess(string fileName) =>
        Provider.TryGetContentType(fileName, out var type) ? WithCharset(type) : null;

    public static string WithCharset(string type) =>
        !type.Contains("charset", StringComparison.OrdinalIgnoreCase) && (type.StartsWith("text/", StringComparison.OrdinalIgnoreCase) || TextLike.Contains(type))
            ? type + "; charset=utf-8"
            : type;
}
