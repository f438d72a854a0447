using Microsoft.AspNetCore.Http;

namespace Micro.Hosting.Bodies;

/// <summary>A template from <c>app.Render</c>: rendered when prepared (Flask's <c>render_template</c> returns the text), so after-request hooks see HTML.</summary>
internal sealed class TemplateBody : BodyKind
{
    public static readonly TemplateBody Instance = new();

    public override async ValueTask PrepareAsync(Response response, HttpContext context) =>
        response.Body = await ((TemplateRender)response.Body!).RenderAsync(context).ConfigureAwait(false);

    public override async Task WriteAsync(Response response, HttpContext context, bool head)
    {
        // Only a response that never went through the dispatcher (returned from a platform endpoint) gets here unrendered.
        await PrepareAsync(response, context).ConfigureAwait(false);
        await TextBody.Instance.WriteAsync(response, context, head).ConfigureAwait(false);
    }
}
