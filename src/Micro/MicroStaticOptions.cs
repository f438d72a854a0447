namespace Micro;

/// <summary>
/// The app's static files (Flask's <c>static_folder</c>, <c>static_url_path</c> and
/// <c>SEND_FILE_MAX_AGE_DEFAULT</c>), bound from the <c>Static</c> configuration section.
/// </summary>
public sealed class MicroStaticOptions
{
    /// <summary>Gets or sets the folder served at <see cref="UrlPath"/>, relative to the content root; <see langword="null"/> or empty registers no <c>static</c> route.</summary>
    public string? Folder { get; set; } = "static";

    /// <summary>Gets or sets the URL the folder is served under; files are at <c>{UrlPath}/&lt;path:filename&gt;</c>, endpoint <c>static</c>.</summary>
    public string UrlPath { get; set; } = "/static";

    /// <summary>
    /// Gets or sets how long browsers may cache static files and <c>SendFile</c> responses without asking again
    /// (<c>Cache-Control: public, max-age</c>); <see langword="null"/> sends <c>no-cache</c>, so browsers revalidate with
    /// the ETag and get a 304 when the file is unchanged.
    /// </summary>
    public TimeSpan? MaxAge { get; set; }

    /// <summary>
    /// Gets or sets whether API descriptions (OpenAPI documents, Swashbuckle, NSwag) list the <c>static</c> route;
    /// <see langword="false"/> by default, as files are not an API.
    /// </summary>
    public bool ListInApiDescription { get; set; }
}
