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
    private IApplicationBuilder? _configured;
    private IServiceProvider? _services;
    private RouteTable? _table;
    private Task? _tableBuild;
    private Dispatcher? _dispatcher;
    private volatile bool _started;

    private MicroApp(WebApplicationBuilder builder, string[] args)
    {
        Builder = builder;
        _args = args;

        // The pipeline is added by a startup filter, so it is in place however the host is started
        // (app.Run, the test client, or WebApplicationFactory, which never returns from Builder.Build()).
        builder.Services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter>(new StartupFilter(this));
        builder.Services.AddSingleton<IHostedService>(new TableReadiness(this));

        // Created by the container (not an instance), so the container disposes it, and the engine, with the app.
        builder.Services.AddSingleton<IHostedService>(_ => new TemplatesLifetime(this));

        // The app itself, for handlers that take it and for the test client.
        builder.Services.AddSingleton(this);

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

    /// <summary>The <c>http.route</c> of Micro's 404: ASP.NET Core's catch-all pattern, one value for every unmatched URL.</summary>
    internal const string NotFoundRoute = "{**path}";

    /// <summary>Gets the endpoint that answers a request nothing matched: Micro's 404 through the app's error handlers.</summary>
    internal Endpoint NotFoundEndpoint { get; private set; } = null!;

    private RequestDelegate Dispatch { get; set; } = null!;

    /// <summary>
    /// Adds middleware to the ASP.NET Core pipeline, run after the endpoint is chosen (one of Micro's rules, or an endpoint
    /// mapped on the <see cref="WebApplication"/>) and before it runs; a request nothing matched reaches it without an
    /// endpoint (so <c>UseStaticFiles()</c> can serve it) and gets Micro's 404 after it. It sees the path Micro routed on
    /// (<c>HttpContext.Request.Path</c> is <see cref="Request.Path"/>), never the server's normalized one.
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
            if (_web is null)
            {
                OpenApi.OpenApiSetup.AddIfUsed(Builder.Services);
                _web = Builder.Build();
                Attach(_web);
            }

            return _web;
        }
    }

    /// <summary>
    /// Joins Micro to the <see cref="WebApplication"/>'s own endpoint routing (see <see cref="StartupFilter"/>): Micro's
    /// endpoints go into its data sources (the platform's matcher skips them, ApiExplorer and OpenAPI list them), and the
    /// middleware of <see cref="Configure"/> goes first in its pipeline, after its <c>UseRouting</c>.
    /// </summary>
    private void Attach(WebApplication web)
    {
        ((IEndpointRouteBuilder)web).DataSources.Add(new MicroEndpointDataSource(this));
        ((IApplicationBuilder)web).Use(next =>
        {
            // Built once when the host starts, after every Configure call: no branch at all when there is none.
            var branch = _configured;
            if (branch is null)
            {
                return next;
            }

            branch.Run(next);
            return branch.Build();
        });
    }

    /// <summary>
    /// Applies the <see cref="Configure"/> calls to a branch of the <see cref="WebApplication"/>'s pipeline before the
    /// platform builds it, so the middleware they add marks itself present (authentication, authorization) and the
    /// <see cref="WebApplication"/> does not add a second instance of it.
    /// </summary>
    private void PrepareConfigured(WebApplication web)
    {
        if (_pipeline.Count == 0)
        {
            return;
        }

        var app = (IApplicationBuilder)web;
        var branch = app.New();
        foreach (var configure in _pipeline)
        {
            configure(branch);
        }

        foreach (var key in (string[])["__AuthenticationMiddlewareSet", "__AuthorizationMiddlewareSet"])
        {
            if (branch.Properties.ContainsKey(key))
            {
                app.Properties[key] = true;
            }
        }

        _configured = branch;
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
            var dispatcher = new Dispatcher(this, services, services.GetRequiredService<ILoggerFactory>().CreateLogger("Micro"), services.GetRequiredService<IHostEnvironment>());
            _dispatcher = dispatcher;
            Dispatch = dispatcher.DispatchAsync;
            NotFoundEndpoint = new Endpoint(Dispatch, new EndpointMetadataCollection(new RouteDiagnostics(NotFoundRoute)), "Micro 404");
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
        if (!Commands.IsCommand(this, _args))
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

    /// <summary>
    /// Puts Micro's matcher in front of the <see cref="WebApplication"/>'s own pipeline, and Micro's 404 behind it.
    /// </summary>
    /// <remarks>
    /// One pipeline, one of each stage: the request path is made Werkzeug's; Micro's matcher runs first and, when one of
    /// its rules matches (or Werkzeug answers 308 or 405 for one), sets the endpoint; then the <see cref="WebApplication"/>'s
    /// own <c>UseRouting</c>, which skips matching when an endpoint is set and otherwise matches the endpoints mapped on the
    /// <see cref="WebApplication"/> (MapGet, MapHealthChecks, MapOpenApi, MapHub...); then the middleware of
    /// <see cref="Configure"/> and of the <see cref="WebApplication"/>, which see whichever endpoint was chosen; then its
    /// <c>UseEndpoints</c>, which runs it. Micro's matcher goes first because its rules have Werkzeug's semantics (static
    /// segments beat converters, 308 to the slashed URL, 405 with <c>Allow</c>) that a platform endpoint must not shadow; the
    /// platform's matcher never sees Micro's endpoints (they carry <c>SuppressMatchingMetadata</c>). A request nothing
    /// matched falls off the end of the <see cref="WebApplication"/>'s pipeline into Micro's 404, which runs the app's
    /// error handlers: it is chosen last so that middleware such as <c>UseStaticFiles()</c> can still serve the request.
    /// </remarks>
    private sealed class StartupFilter(MicroApp micro) : Microsoft.AspNetCore.Hosting.IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => pipeline =>
        {
            var web = micro._web ?? throw new InvalidOperationException("Start the app with app.Run(), app.RunAsync() or app.Build(): Micro joins the WebApplication when MicroApp.Build() creates it, not app.Builder.Build().");
            micro.Initialize(pipeline.ApplicationServices);

            // Build the route table on another core while the host finishes starting (the rest of the pipeline, the
            // server binding its ports): it checks every rule and handler, which is most of Micro's startup. A bad
            // rule or handler still fails startup, not the first request: TableReadiness waits for the build before
            // the host reports started, and a request arriving earlier waits for the table.
            micro._started = true;
            micro._tableBuild = Task.Run(() =>
            {
                _ = micro.Table;
                micro._dispatcher!.Prepare();
            });
            micro.PrepareConfigured(web);

            // Behind a proxy, when configured (Hosting/ProxyHeaders.cs): first, so everything after it, the path
            // included, sees the visitor's scheme, host and address. Not configured, nothing is added.
            ProxyHeaders.UseIfConfigured(pipeline, pipeline.ApplicationServices.GetRequiredService<IConfiguration>());

            // One path: before anything reads it (the log line, routing, the app's middleware, hooks, handlers), the
            // request's path becomes the one Werkzeug routes on (Hosting/RequestPathMiddleware.cs).
            pipeline.UseMiddleware<RequestPathMiddleware>();

            // Essentials: next, so the one line per request covers everything after it.
            pipeline.UseMiddleware<RequestLogging>();
            pipeline.UseMiddleware<RoutingMiddleware>(micro);

            // The WebApplication's pipeline: UseRouting, its middleware (Configure's first), UseEndpoints.
            next(pipeline);
            pipeline.Run(micro.NotFoundAsync);
        };
    }

    /// <summary>The end of the pipeline: nothing chose an endpoint, so Micro answers 404 through the app's error handlers.</summary>
    private Task NotFoundAsync(HttpContext context)
    {
        context.SetEndpoint(NotFoundEndpoint);
        RouteDiagnostics.Tag(context, NotFoundRoute);
        return Dispatch(context);
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

    /// <summary>Lists the routes as ASP.NET Core endpoints once the app is built (for ApiExplorer, OpenAPI, link tools; not for matching).</summary>
    private sealed class MicroEndpointDataSource(MicroApp app) : EndpointDataSource
    {
        public override IReadOnlyList<Endpoint> Endpoints => app.Table.Entries.Select(entry => (Endpoint)entry.AspNetEndpoint).ToArray();

        public override Microsoft.Extensions.Primitives.IChangeToken GetChangeToken() => Microsoft.Extensions.FileProviders.NullChangeToken.Singleton;
    }
}
