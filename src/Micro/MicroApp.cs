using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Micro.Hosting;
using Micro.Routing;
using Micro.Routing.Converters;

namespace Micro;

/// <summary>
/// A Micro application: Flask's <c>app</c> over an ASP.NET Core <see cref="WebApplication"/> on Kestrel.
/// Register routes, hooks and error handlers, then <see cref="Run"/>.
/// </summary>
/// <example>
/// <code>
/// var app = MicroApp.Create(args);
/// app.Get("/", () =&gt; "&lt;h1&gt;Hello, World!&lt;/h1&gt;");
/// app.Get("/users/&lt;int:id&gt;", (int id) =&gt; $"user {id}");
/// app.Run();
/// </code>
/// </example>
public sealed partial class MicroApp : Scaffold
{
    private readonly string[] _args;
    private readonly List<Action<IApplicationBuilder>> _pipeline = [];
    private readonly Lock _gate = new();
    private WebApplication? _web;
    private IServiceProvider? _services;
    private RouteTable? _table;
    private Task? _tableBuild;
    private volatile bool _started;

    private MicroApp(WebApplicationBuilder builder, string[] args)
    {
        Builder = builder;
        _args = args;

        // The pipeline is added by a startup filter, so it is in place however the host is started
        // (app.Run, the test client, or WebApplicationFactory, which never returns from Builder.Build()).
        builder.Services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter>(new StartupFilter(this));
        builder.Services.AddSingleton<IHostedService>(new TableReadiness(this));

        // Essentials: MICRO_ environment variables, sessions, CSRF and their options (Hosting/Essentials.cs).
        Essentials.Add(builder);
        Converters = new Dictionary<string, Func<ConverterArguments, Converter>>(StringComparer.Ordinal)
        {
            ["default"] = StringConverter.Create,
            ["string"] = StringConverter.Create,
            ["int"] = NumberConverter.CreateInt,
            ["float"] = NumberConverter.CreateFloat,
            ["path"] = PathConverter.Create,
            ["uuid"] = UuidConverter.Create,
            ["any"] = AnyConverter.Create,
        };
    }

    /// <summary>Creates an app with ASP.NET Core's defaults: Kestrel, configuration (appsettings, environment, command line), logging and DI.</summary>
    /// <param name="args">The command-line arguments; <c>routes</c> makes <see cref="Run"/> print the route table instead of serving.</param>
    /// <returns>The app.</returns>
    public static MicroApp Create(string[]? args = null)
    {
        args ??= [];
        return new MicroApp(WebApplication.CreateBuilder(args), args);
    }

    /// <summary>Creates an app over a builder you configured yourself.</summary>
    /// <param name="builder">The builder; it is built when the app starts.</param>
    /// <param name="args">The command-line arguments.</param>
    /// <returns>The app.</returns>
    public static MicroApp Create(WebApplicationBuilder builder, string[]? args = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return new MicroApp(builder, args ?? []);
    }

    /// <summary>Gets the ASP.NET Core builder, for anything beyond Micro's defaults (Kestrel options, logging, hosting).</summary>
    public WebApplicationBuilder Builder { get; }

    /// <summary>Gets the services, to register what handlers take as parameters: <c>app.Services.AddSingleton&lt;UserStore&gt;()</c>.</summary>
    public IServiceCollection Services => Builder.Services;

    /// <summary>Gets the configuration (appsettings.json, environment variables, command line).</summary>
    public IConfiguration Configuration => Builder.Configuration;

    /// <summary>Gets the hosting environment; Development shows error details.</summary>
    public IHostEnvironment Environment => Builder.Environment;

    /// <summary>Gets the converters available to rules by name. Add your own before registering rules that use them.</summary>
    public IDictionary<string, Func<ConverterArguments, Converter>> Converters { get; }

    /// <summary>
    /// Gets or sets the largest request body accepted, in bytes (Flask's <c>MAX_CONTENT_LENGTH</c>); larger bodies are
    /// answered 413. <see langword="null"/> leaves the server's own limit (Kestrel: about 30 MB).
    /// </summary>
    public long? MaxContentLength { get; set; }

    internal RouteTable Table
    {
        get
        {
            if (_table is not null)
            {
                return _table;
            }

            var services = _services ?? throw new InvalidOperationException("The app has not been started yet.");
            lock (_gate)
            {
                return _table ??= new RouteTable(this, services, Dispatch);
            }
        }
    }

    internal Endpoint RoutingErrorEndpoint { get; private set; } = null!;

    private RequestDelegate Dispatch { get; set; } = null!;

    /// <summary>
    /// Adds middleware to the ASP.NET Core pipeline, run after Micro has chosen the endpoint and before it runs. It sees
    /// the path Micro routed on (<c>HttpContext.Request.Path</c> is <see cref="Request.Path"/>), never the server's
    /// normalized one.
    /// </summary>
    /// <param name="configure">Receives the pipeline builder, e.g. <c>pipeline =&gt; pipeline.UseAuthorization()</c>.</param>
    public void Configure(Action<IApplicationBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        EnsureOpen("pipeline configuration");
        _pipeline.Add(configure);
    }

    /// <summary>Builds the <see cref="WebApplication"/>; done by <see cref="Run"/> and the test client. Micro's pipeline is added when it starts.</summary>
    /// <returns>The web application.</returns>
    public WebApplication Build()
    {
        lock (_gate)
        {
            return _web ??= Builder.Build();
        }
    }

    private void Initialize(IServiceProvider services)
    {
        lock (_gate)
        {
            if (_services is not null)
            {
                return;
            }

            // Essentials: the app's static/ folder as the endpoint "static", and CSRF metadata, before the route
            // table is built.
            Files.StaticRoute.Register(this, services);
            Security.CsrfProtection.MarkRoutes(this);
            var dispatcher = new Dispatcher(this, services.GetRequiredService<ILoggerFactory>().CreateLogger("Micro"), services.GetRequiredService<IHostEnvironment>());
            Dispatch = dispatcher.DispatchAsync;
            RoutingErrorEndpoint = new Endpoint(Dispatch, EndpointMetadataCollection.Empty, "Micro routing error");
            _services = services;
        }
    }

    /// <summary>Runs the app until shut down, or answers a command: <c>routes</c> prints the route table.</summary>
    /// <param name="url">The URL to listen on, e.g. <c>http://localhost:5000</c>; from configuration when <see langword="null"/>.</param>
    public void Run(string? url = null)
    {
        var web = Build();
        if (RunCommand(web))
        {
            return;
        }

        web.Run(url);
    }

    /// <summary>Runs the app asynchronously (see <see cref="Run"/>).</summary>
    /// <param name="url">The URL to listen on.</param>
    /// <returns>A task that completes when the app shuts down.</returns>
    public Task RunAsync(string? url = null)
    {
        var web = Build();
        return RunCommand(web) ? Task.CompletedTask : web.RunAsync(url);
    }

    /// <summary>Builds the URL of an endpoint, like Flask's <c>url_for</c>: rule variables from <paramref name="values"/>, the rest as the query string.</summary>
    /// <param name="endpoint">The endpoint name, e.g. <c>user</c> or <c>admin.show</c>.</param>
    /// <param name="values">An anonymous object or dictionary; <c>_anchor</c>, <c>_method</c> are honoured (external URLs need <see cref="Request.UrlFor"/>).</param>
    /// <returns>The URL, e.g. <c>/users/42?tab=posts</c>.</returns>
    /// <exception cref="UrlBuildException">No rule of the endpoint can be built from the values.</exception>
    public string UrlFor(string endpoint, object? values = null) => Table.UrlFor(null, endpoint, values);

    private bool RunCommand(WebApplication web)
    {
        if (!Commands.IsCommand(_args))
        {
            return false;
        }

        Initialize(web.Services);
        using var output = Console.OpenStandardOutput();
        System.Environment.ExitCode = Commands.TryRun(this, _args, output, Console.Error) ?? 0;
        return true;
    }

    internal override void EnsureOpen(string what)
    {
        if (_started || _table is not null)
        {
            throw new InvalidOperationException($"Cannot add {what}: the app has already started handling requests. Register routes, hooks and handlers before app.Run().");
        }
    }

    /// <summary>Puts Micro's matcher first in the pipeline and its endpoints (and 404 fallback) into endpoint routing.</summary>
    private sealed class StartupFilter(MicroApp micro) : Microsoft.AspNetCore.Hosting.IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => pipeline =>
        {
            micro.Initialize(pipeline.ApplicationServices);

            // Build the route table on another core while the host finishes starting (the rest of the pipeline, the
            // server binding its ports): it checks every rule and handler, which is most of Micro's startup. A bad
            // rule or handler still fails startup, not the first request: TableReadiness waits for the build before
            // the host reports started, and a request arriving earlier waits for the table.
            micro._started = true;
            micro._tableBuild = Task.Run(() => micro.Table);

            // One path: before anything reads it (the log line, routing, the app's middleware, hooks, handlers), the
            // request's path becomes the one Werkzeug routes on (Hosting/RequestPathMiddleware.cs).
            pipeline.UseMiddleware<RequestPathMiddleware>();

            // Essentials: next, so the one line per request covers everything after it.
            pipeline.UseMiddleware<RequestLogging>();
            pipeline.UseMiddleware<RoutingMiddleware>(micro);
            pipeline.UseRouting();
            foreach (var configure in micro._pipeline)
            {
                configure(pipeline);
            }

            next(pipeline);
            pipeline.UseEndpoints(endpoints =>
            {
                endpoints.DataSources.Add(new MicroEndpointDataSource(micro));
                endpoints.MapFallback("{**path}", micro.Dispatch).WithDisplayName("Micro 404");
            });
        };
    }

    /// <summary>Fails the host's start if building the route table failed (see <see cref="StartupFilter"/>).</summary>
    private sealed class TableReadiness(MicroApp micro) : IHostedLifecycleService
    {
        public Task StartedAsync(CancellationToken cancellationToken) => micro._tableBuild ?? Task.CompletedTask;

        public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>Lists the routes as ASP.NET Core endpoints once the app is built.</summary>
    private sealed class MicroEndpointDataSource(MicroApp app) : EndpointDataSource
    {
        public override IReadOnlyList<Endpoint> Endpoints => app.Table.Entries.Select(entry => (Endpoint)entry.AspNetEndpoint).ToArray();

        public override Microsoft.Extensions.Primitives.IChangeToken GetChangeToken() => Microsoft.Extensions.FileProviders.NullChangeToken.Singleton;
    }
}
