using Microsoft.AspNetCore.Http;

namespace Micro.Hosting;

/// <summary>
/// A template to render for the current request. The dispatcher renders it as soon as the handler returns, so
/// after-request hooks see the HTML and template errors reach the error handlers.
/// </summary>
internal sealed class TemplateRender(MicroApp app, string name, object? model, bool outputCache) : IResult
{
    public string Name => name;

    public async ValueTask<string> RenderAsync(HttpContext context)
    {
        var globals = await TemplateGlobals.ForAsync(context, app).ConfigureAwait(false);
        return app.Templates.Render(name, model, globals, outputCache);
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var html = await RenderAsync(httpContext).ConfigureAwait(false);
        await new Response(html).ExecuteAsync(httpContext).ConfigureAwait(false);
    }
}
