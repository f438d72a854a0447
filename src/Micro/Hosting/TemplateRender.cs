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
        // A template that reads none of Flask's per-request values renders without them: no session is opened
        // (so no Vary: Cookie), nothing is built, and its output may come from the output cache.
        var engine = app.Templates;
        var globals = engine.ReadsAny(name, TemplateGlobals.Names)
            ? await TemplateGlobals.ForAsync(context, app).ConfigureAwait(false)
            : null;
        return engine.Render(name, model, globals, outputCache);
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var html = await RenderAsync(httpContext).ConfigureAwait(false);
        await new Response(html).ExecuteAsync(httpContext).ConfigureAwait(false);
    }
}
