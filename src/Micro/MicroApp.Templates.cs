using Microsoft.Extensions.Hosting;
using Micro.Templates;

namespace Micro;

/// <summary>Templates: Flask's <c>render_template</c> over Micro's Jinja engine.</summary>
public sealed partial class MicroApp
{
    private TemplateEngine? _templates;

    /// <summary>
    /// Gets the template engine: Jinja templates from the content root's <c>templates/</c> folder, reloaded on change in
    /// Development. Add filters, tests and globals here before the app starts.
    /// </summary>
    public TemplateEngine Templates
    {
        get
        {
            if (_templates is not null)
            {
                return _templates;
            }

            lock (_gate)
            {
                if (_templates is null)
                {
                    var options = new TemplateEngineOptions { AutoReload = Environment.IsDevelopment() };
                    options.Folders.Clear();
                    options.Folders.Add(Path.Combine(Environment.ContentRootPath, "templates"));
                    _templates = new TemplateEngine(options);
                }

                return _templates;
            }
        }
    }

    /// <summary>
    /// Disposes the app's template engine when the app's services are disposed (the host shut down, the test client
    /// disposed). Until then its meter, which has the engine as its scope, is in the process-wide list of meters: an
    /// app that is gone would otherwise keep its engine, compiled templates and output cache for the life of the process.
    /// </summary>
    private sealed class TemplatesLifetime(MicroApp app) : IHostedService, IDisposable
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose()
        {
            lock (app._gate)
            {
                app._templates?.Dispose();
            }
        }
    }

    /// <summary>
    /// Renders a template as the response, like Flask's <c>render_template</c>: HTML (<c>text/html; charset=utf-8</c>),
    /// with <c>request</c>, <c>session</c>, <c>url_for</c>, <c>get_flashed_messages</c>, <c>csrf_token</c>, <c>config</c>
    /// and <c>g</c> available to the template.
    /// </summary>
    /// <param name="name">The template's path under <c>templates/</c>, e.g. <c>user.html</c>.</param>
    /// <param name="model">The template's variables: an anonymous object, a class or a dictionary.</param>
    /// <param name="outputCache">Allows the output cache for this render (it is only used when provably safe).</param>
    /// <returns>The response; the template renders before after-request hooks run, errors go to the error handlers.</returns>
    public Response Render(string name, object? model = null, bool outputCache = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new Response(new Hosting.TemplateRender(this, name, model, outputCache));
    }

    /// <summary>Renders a template to a string within a request (the globals need it), like Flask's <c>render_template</c> returning text.</summary>
    /// <param name="request">The current request.</param>
    /// <param name="name">The template's path under <c>templates/</c>.</param>
    /// <param name="model">The template's variables.</param>
    /// <returns>The rendered text.</returns>
    public async Task<string> RenderToStringAsync(Request request, string name, object? model = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await new Hosting.TemplateRender(this, name, model, outputCache: true).RenderAsync(request.HttpContext).ConfigureAwait(false);
    }
}
