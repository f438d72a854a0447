using Microsoft.AspNetCore.Builder;
using Micro.Routing;

namespace Micro;

/// <summary>
/// What an app and a blueprint share (Flask's <c>Scaffold</c>): routes, request hooks and error handlers.
/// Every convenience is a one-liner over <see cref="Route"/>.
/// </summary>
public abstract class Scaffold
{
    internal List<RouteRegistration> Routes { get; } = [];

    internal List<Delegate> BeforeHooks { get; } = [];

    internal List<Delegate> AfterHooks { get; } = [];

    internal List<Delegate> TeardownHooks { get; } = [];

    /// <summary>
    /// This scope's part of Flask's <c>error_handler_spec</c>: handlers keyed by status code (an
    /// <see cref="HttpException"/> with that code) or by exception class alone (code <see langword="null"/>).
    /// Searched by <c>ErrorHandlerSpec.Find</c>.
    /// </summary>
    internal Dictionary<(int? Code, Type Class), Delegate> ErrorHandlers { get; } = [];

    internal List<(Blueprint Blueprint, string? UrlPrefix, string? Name)> Blueprints { get; } = [];

    /// <summary>Throws when routes can no longer be added (the app has started).</summary>
    internal abstract void EnsureOpen(string what);

    /// <summary>Registers <paramref name="handler"/> for <paramref name="rule"/> and <paramref name="methods"/> (GET when <see langword="null"/>).</summary>
    /// <param name="rule">A Werkzeug rule, e.g. <c>/users/&lt;int:id&gt;</c>.</param>
    /// <param name="handler">
    /// A lambda or method. A parameter named after a variable or default of the endpoint's rules binds from the route
    /// (never from the query string; when this rule lacks it, the parameter's own default applies); other simple
    /// parameters bind from the query string; services, <see cref="Request"/>, <c>HttpContext</c>... are injected.
    /// </param>
    /// <param name="methods">The HTTP methods, e.g. <c>["GET", "POST"]</c>. HEAD is added with GET, OPTIONS is answered automatically.</param>
    /// <param name="endpoint">The endpoint name for <c>UrlFor</c>; the method name in snake_case when <see langword="null"/> (lambdas get none).</param>
    /// <param name="strictSlashes">Werkzeug's <c>strict_slashes</c>: when <see langword="true"/>, <c>/dir</c> redirects to a rule <c>/dir/</c> and <c>/file/</c> does not match <c>/file</c>.</param>
    /// <param name="defaults">
    /// Werkzeug's rule <c>defaults</c>, an anonymous object or a dictionary, e.g. <c>new { page = 1 }</c>: the handler gets
    /// them as if the URL held them; <c>UrlFor</c> prefers this rule when the values equal them, and a request to another
    /// rule of the same endpoint whose values equal them is redirected (308) here.
    /// </param>
    /// <param name="redirectTo">
    /// Werkzeug's <c>redirect_to</c>: requests matching the rule are answered 308 to this target instead of running the
    /// handler; <c>&lt;name&gt;</c> placeholders take the rule's variables, e.g. <c>"/new/&lt;id&gt;"</c>. See also
    /// <see cref="Redirect(string, string, IEnumerable{string}, string)"/>.
    /// </param>
    /// <returns>
    /// A builder for ASP.NET Core endpoint conventions, as <c>MapGet</c> returns: <c>RequireAuthorization()</c>,
    /// <c>WithSummary()</c>, <c>WithTags()</c>, <c>Produces&lt;T&gt;()</c>, <c>AddEndpointFilter()</c>...
    /// </returns>
    public RouteHandlerBuilder Route(string rule, Delegate handler, IEnumerable<string>? methods = null, string? endpoint = null, bool strictSlashes = true, object? defaults = null, string? redirectTo = null)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(handler);
        return AddRoute(rule, HandlerSource.FromDelegate(handler), methods, endpoint, strictSlashes, DefaultValues.From(defaults, rule), redirectTo is null ? null : RedirectTarget.To(redirectTo));
    }

    /// <summary>
    /// Registers a rule that only redirects (Werkzeug's <c>redirect_to</c>): requests matching <paramref name="rule"/> are
    /// answered 308 to <paramref name="redirectTo"/>, whose <c>&lt;name&gt;</c> placeholders take the rule's variables.
    /// </summary>
    /// <example><c>app.Redirect("/old/&lt;int:id&gt;", "/new/&lt;id&gt;");</c></example>
    /// <param name="rule">A Werkzeug rule.</param>
    /// <param name="redirectTo">The target, e.g. <c>/new/&lt;id&gt;</c>; a relative target resolves against the app's root, a full URL is kept.</param>
    /// <param name="methods">The HTTP methods (GET when <see langword="null"/>).</param>
    /// <param name="endpoint">The endpoint name, to build the old URL with <c>UrlFor</c>.</param>
    /// <returns>A builder for endpoint conventions.</returns>
    public RouteHandlerBuilder Redirect(string rule, string redirectTo, IEnumerable<string>? methods = null, string? endpoint = null)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(redirectTo);
        return AddRoute(rule, HandlerSource.FromDelegate(NoHandler), methods, endpoint, strictSlashes: true, null, RedirectTarget.To(redirectTo));
    }

    /// <summary>
    /// Registers a rule that only redirects (Werkzeug's <c>redirect_to</c> with a callable): requests matching
    /// <paramref name="rule"/> are answered 308 to what <paramref name="redirectTo"/> returns for the request and the
    /// rule's converted values.
    /// </summary>
    /// <example><c>app.Redirect("/p/&lt;int:id&gt;", (request, values) =&gt; request.UrlFor("post", new { slug = posts.Slug((long)values["id"]!) }));</c></example>
    /// <param name="rule">A Werkzeug rule.</param>
    /// <param name="redirectTo">Computes the target; a relative target resolves against the app's root.</param>
    /// <param name="methods">The HTTP methods (GET when <see langword="null"/>).</param>
    /// <param name="endpoint">The endpoint name.</param>
    /// <returns>A builder for endpoint conventions.</returns>
    public RouteHandlerBuilder Redirect(string rule, Func<Request, IReadOnlyDictionary<string, object?>, string> redirectTo, IEnumerable<string>? methods = null, string? endpoint = null)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(redirectTo);
        return AddRoute(rule, HandlerSource.FromDelegate(NoHandler), methods, endpoint, strictSlashes: true, null, RedirectTarget.To(redirectTo));
    }

    // The handler of a rule that only redirects: it never runs.
    private static readonly Func<object?> NoHandler = static () => null;

    internal RouteHandlerBuilder AddRoute(string rule, HandlerSource handler, IEnumerable<string>? methods, string? endpoint, bool strictSlashes, IReadOnlyDictionary<string, object?>? defaults = null, RedirectTarget? redirectTo = null)
    {
        EnsureOpen($"route '{rule}'");
        if (!rule.StartsWith('/') && this is not Blueprint)
        {
            throw new ArgumentException($"URL rule '{rule}' must start with a slash.", nameof(rule));
        }

        if (endpoint is not null && endpoint.Contains('.', StringComparison.Ordinal) && this is Blueprint)
        {
            throw new ArgumentException($"Endpoint '{endpoint}' of rule '{rule}' may not contain a dot: blueprints add their own prefix.", nameof(endpoint));
        }

        var registration = new RouteRegistration(rule, handler, methods?.Select(m => m.ToUpperInvariant()).ToArray() ?? ["GET"], endpoint ?? handler.DefaultEndpoint, strictSlashes)
        {
            Defaults = defaults,
            RedirectTo = redirectTo,
        };
        if (registration.Methods.Length == 0)
        {
            throw new ArgumentException($"Rule '{rule}' needs at least one method.", nameof(methods));
        }

        Routes.Add(registration);
        return new RouteHandlerBuilder([registration.Conventions]);
    }

    /// <summary>Registers a handler for GET (and HEAD) requests that match <paramref name="rule"/>.</summary>
    /// <param name="rule">A Werkzeug rule.</param>
    /// <param name="handler">The handler.</param>
    /// <param name="endpoint">The endpoint name.</param>
    /// <param name="defaults">Werkzeug's rule <c>defaults</c>, e.g. <c>new { page = 1 }</c> (see <see cref="Route"/>).</param>
    /// <returns>A builder for endpoint conventions.</returns>
    public RouteHandlerBuilder Get(string rule, Delegate handler, string? endpoint = null, object? defaults = null) => Route(rule, handler, ["GET"], endpoint, defaults: defaults);

    /// <summary>Registers a handler for POST requests that match <paramref name="rule"/>.</summary>
    /// <param name="rule">A Werkzeug rule.</param>
    /// <param name="handler">The handler.</param>
    /// <param name="endpoint">The endpoint name.</param>
    /// <param name="defaults">Werkzeug's rule <c>defaults</c>, e.g. <c>new { page = 1 }</c> (see <see cref="Route"/>).</param>
    /// <returns>A builder for endpoint conventions.</returns>
    public RouteHandlerBuilder Post(string rule, Delegate handler, string? endpoint = null, object? defaults = null) => Route(rule, handler, ["POST"], endpoint, defaults: defaults);

    /// <summary>Registers a handler for PUT requests that match <paramref name="rule"/>.</summary>
    /// <param name="rule">A Werkzeug rule.</param>
    /// <param name="handler">The handler.</param>
    /// <param name="endpoint">The endpoint name.</param>
    /// <param name="defaults">Werkzeug's rule <c>defaults</c>, e.g. <c>new { page = 1 }</c> (see <see cref="Route"/>).</param>
    /// <returns>A builder for endpoint conventions.</returns>
    public RouteHandlerBuilder Put(string rule, Delegate handler, string? endpoint = null, object? defaults = null) => Route(rule, handler, ["PUT"], endpoint, defaults: defaults);

    /// <summary>Registers a handler for PATCH requests that match <paramref name="rule"/>.</summary>
    /// <param name="rule">A Werkzeug rule.</param>
    /// <param name="handler">The handler.</param>
    /// <param name="endpoint">The endpoint name.</param>
    /// <param name="defaults">Werkzeug's rule <c>defaults</c>, e.g. <c>new { page = 1 }</c> (see <see cref="Route"/>).</param>
    /// <returns>A builder for endpoint conventions.</returns>
    public RouteHandlerBuilder Patch(string rule, Delegate handler, string? endpoint = null, object? defaults = null) => Route(rule, handler, ["PATCH"], endpoint, defaults: defaults);

    /// <summary>Registers a handler for DELETE requests that match <paramref name="rule"/>.</summary>
    /// <param name="rule">A Werkzeug rule.</param>
    /// <param name="handler">The handler.</param>
    /// <param name="endpoint">The endpoint name.</param>
    /// <param name="defaults">Werkzeug's rule <c>defaults</c>, e.g. <c>new { page = 1 }</c> (see <see cref="Route"/>).</param>
    /// <returns>A builder for endpoint conventions.</returns>
    public RouteHandlerBuilder Delete(string rule, Delegate handler, string? endpoint = null, object? defaults = null) => Route(rule, handler, ["DELETE"], endpoint, defaults: defaults);

    /// <summary>
    /// Runs <paramref name="hook"/> before each request (for a blueprint: each request to its endpoints). Its parameters
    /// bind like a handler's; a non-null return value becomes the response and the handler is skipped.
    /// </summary>
    /// <param name="hook">The hook, e.g. <c>(Request request) =&gt; request.Cookies["user"] is null ? Redirect("/login") : null</c>.</param>
    public void BeforeRequest(Delegate hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        EnsureOpen("a before-request hook");
        BeforeHooks.Add(hook);
    }

    /// <summary>
    /// Runs <paramref name="hook"/> before each request; a non-null return value becomes the response. This overload
    /// lets a block lambda whose returns are <see langword="null"/> or responses compile
    /// (<c>() =&gt; { ...; return null; }</c>), as it has no natural type.
    /// </summary>
    /// <param name="hook">The hook.</param>
    public void BeforeRequest(Func<object?> hook) => BeforeRequest((Delegate)hook);

    /// <summary>Runs <paramref name="hook"/> before each request with the <see cref="Request"/>; a non-null return value becomes the response.</summary>
    /// <param name="hook">The hook, e.g. <c>request =&gt; { if (...) return Abort(403); return null; }</c>.</param>
    public void BeforeRequest(Func<Request, object?> hook) => BeforeRequest((Delegate)hook);

    /// <summary>Runs <paramref name="hook"/> asynchronously before each request with the <see cref="Request"/>; a non-null result becomes the response.</summary>
    /// <param name="hook">The hook.</param>
    public void BeforeRequest(Func<Request, Task<object?>> hook) => BeforeRequest((Delegate)hook);

    /// <summary>
    /// Runs <paramref name="hook"/> after each request with the <see cref="Response"/> (declare a <see cref="Response"/>
    /// parameter); it may change it, or return another response to replace it.
    /// </summary>
    /// <param name="hook">The hook, e.g. <c>(Response response) =&gt; { response.Headers["X-Frame-Options"] = "DENY"; }</c>.</param>
    public void AfterRequest(Delegate hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        EnsureOpen("an after-request hook");
        AfterHooks.Add(hook);
    }

    /// <summary>Runs <paramref name="hook"/> after each request; it may change the response, or return another one (<see langword="null"/> keeps it).</summary>
    /// <param name="hook">The hook, e.g. <c>response =&gt; { if (...) return MakeResponse("x"); return null; }</c>.</param>
    public void AfterRequest(Func<Response, object?> hook) => AfterRequest((Delegate)hook);

    /// <summary>Runs <paramref name="hook"/> when a request ends, always, with the unhandled exception if there was one.</summary>
    /// <param name="hook">The hook.</param>
    public void Teardown(Action<Request, Exception?> hook) => Teardown((Delegate)hook);

    /// <summary>
    /// Runs <paramref name="hook"/> when a request ends, always (Flask's <c>teardown_request</c>). Its parameters bind
    /// like a handler's (services, <see cref="Request"/>...); a parameter of type <see cref="Exception"/> receives the
    /// unhandled exception, or <see langword="null"/> when there was none (declare it nullable).
    /// </summary>
    /// <param name="hook">The hook, e.g. <c>(Database db, Exception? error) =&gt; db.Close()</c>.</param>
    public void Teardown(Delegate hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        EnsureOpen("a teardown hook");
        TeardownHooks.Add(hook);
    }

    /// <summary>
    /// Handles HTTP errors with <paramref name="statusCode"/> (404, 500...), like Flask's <c>errorhandler(404)</c>.
    /// Parameters bind like a handler's; declare <see cref="HttpException"/> to get the error (for 500, the unhandled
    /// exception is its <see cref="Exception.InnerException"/>).
    /// </summary>
    /// <param name="statusCode">The status code.</param>
    /// <param name="handler">Returns the response, e.g. <c>(HttpException e) =&gt; ("Nothing here", 404)</c>.</param>
    public void ErrorHandler(int statusCode, Delegate handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (statusCode is < 400 or > 599)
        {
            throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "Error handlers are for status codes 400-599.");
        }

        EnsureOpen("an error handler");
        ErrorHandlers[(statusCode, typeof(HttpException))] = handler;
    }

    /// <summary>
    /// Handles exceptions of type <typeparamref name="TException"/> (and derived types), like Flask's
    /// <c>errorhandler(ExceptionClass)</c>. <c>ErrorHandler&lt;HttpException&gt;</c> handles every HTTP error (and an
    /// unhandled exception, as a 500) that has no handler for its code; <c>ErrorHandler&lt;Exception&gt;</c> handles HTTP
    /// errors too, as in Flask.
    /// </summary>
    /// <typeparam name="TException">The exception type.</typeparam>
    /// <param name="handler">Returns the response.</param>
    public void ErrorHandler<TException>(Func<TException, Request, object?> handler)
        where TException : Exception => ErrorHandler<TException>((Delegate)handler);

    /// <summary>Handles exceptions of type <typeparamref name="TException"/> asynchronously (see <see cref="ErrorHandler{TException}(Func{TException, Request, object?})"/>).</summary>
    /// <typeparam name="TException">The exception type.</typeparam>
    /// <param name="handler">Returns the response.</param>
    public void ErrorHandler<TException>(Func<TException, Request, Task<object?>> handler)
        where TException : Exception => ErrorHandler<TException>((Delegate)handler);

    /// <summary>
    /// Handles exceptions of type <typeparamref name="TException"/> with a handler whose parameters bind like a
    /// handler's (services, <see cref="Request"/>, <see cref="Session"/>...); a parameter of an exception type receives
    /// the exception.
    /// </summary>
    /// <typeparam name="TException">The exception type.</typeparam>
    /// <param name="handler">Returns the response, e.g. <c>(KeyNotFoundException e, ILogger&lt;Program&gt; log) =&gt; ("Unknown key", 404)</c>.</param>
    public void ErrorHandler<TException>(Delegate handler)
        where TException : Exception
    {
        ArgumentNullException.ThrowIfNull(handler);
        EnsureOpen("an error handler");
        ErrorHandlers[(null, typeof(TException))] = handler;
    }

    /// <summary>Registers a blueprint's routes, hooks and error handlers under its URL prefix and name.</summary>
    /// <param name="blueprint">The blueprint.</param>
    /// <param name="urlPrefix">Overrides the blueprint's URL prefix.</param>
    /// <param name="name">Overrides the blueprint's name (to register it twice).</param>
    public void Register(Blueprint blueprint, string? urlPrefix = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(blueprint);
        EnsureOpen($"blueprint '{blueprint.Name}'");
        if (ReferenceEquals(blueprint, this))
        {
            throw new ArgumentException($"Cannot register blueprint '{blueprint.Name}' on itself.", nameof(blueprint));
        }

        Blueprints.Add((blueprint, urlPrefix, name));
    }

    /// <summary>
    /// Registers the attribute routes (<see cref="RouteAttribute"/>, <see cref="GetAttribute"/>...) of <typeparamref name="T"/>.
    /// A class marked <see cref="BlueprintAttribute"/> becomes a blueprint. Instances are created per request with
    /// constructor injection.
    /// </summary>
    /// <typeparam name="T">The class with route methods.</typeparam>
    public void Register<T>()
        where T : class => AttributeRoutes.Register(this, typeof(T));
}
