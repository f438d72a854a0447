using Microsoft.AspNetCore.Http;

namespace Micro.Hosting.Bodies;

/// <summary>A file from <c>SendFile</c>/<c>SendFromDirectory</c>: found when prepared, so a missing one is a 404 through the error handlers.</summary>
internal sealed class FileBody : BodyKind
{
    public static readonly FileBody Instance = new();

    public override bool OwnsStatus => true;

    public override ValueTask PrepareAsync(Response response, HttpContext context)
    {
        ((Files.FileSender)response.Body!).Prepare(context);
        return default;
    }

    public override Task WriteAsync(Response response, HttpContext context, bool head) =>
        ((Files.FileSender)response.Body!).ExecuteAsync(context);
}
