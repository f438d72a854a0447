using Microsoft.AspNetCore.Builder;
using Micro.Files;

namespace Micro;

/// <summary>Static folders for blueprints (Flask's <c>Blueprint(static_folder=...)</c>); the app's own <c>static/</c> folder is served without any call (see <see cref="MicroStaticOptions"/>).</summary>
public static class StaticFolders
{
    /// <summary>
    /// Serves the files of <paramref name="folder"/> at <c>{blueprint prefix}{urlPath}/&lt;path:filename&gt;</c>,
    /// endpoint <c>{blueprint}.static</c>, with ETag, Last-Modified, 304 and Range support; no path leaves the folder.
    /// </summary>
    /// <param name="blueprint">The blueprint.</param>
    /// <param name="folder">The folder, relative to the content root (or absolute).</param>
    /// <param name="urlPath">The URL path under the blueprint's prefix.</param>
    /// <returns>The blueprint.</returns>
    /// <example>
    /// <code>
    /// var admin = new Blueprint("admin", urlPrefix: "/admin").StaticFolder("admin/static");
    /// // /admin/static/admin.css; app.UrlFor("admin.static", new { filename = "admin.css" })
    /// </code>
    /// </example>
    public static Blueprint StaticFolder(this Blueprint blueprint, string folder, string urlPath = "/static")
    {
        ArgumentNullException.ThrowIfNull(blueprint);
        ArgumentException.ThrowIfNullOrEmpty(folder);
        ArgumentNullException.ThrowIfNull(urlPath);
        StaticRoute.Add(blueprint, folder, urlPath);
        return blueprint;
    }
}
