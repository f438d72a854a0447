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
    /// <param name="handler">A lambda or method; its parameters bind from rule variables (by name), the query string, services, <see cref="Request"/>, <c>HttpContext</c>...</param>
    /// <param name="methods">The HTTP methods, e.g. <c>["GET", "POST"]</c>. HEAD is added with GET, OPTIONS is answered automatically.</param>
    /// <param name="endpoint">The endpoint name for <c>UrlFor</c>; the method name in snake_case when <see langword="null"/> (lambdas get none).</param>
    /// <param name="strictSlashes">Werkzeug's <c>strict_slashes</c>: when <see langword="true"/>, <c>/dir</c> redirects to a rule <c>/dir/</c> and <c>/file/</c> does not match <c>/file</c>.</param>
    /// <returns>
    /// A builder for ASP.NET Core endpoint conventions, as <c>MapGet</c> returns: <c>RequireAuthorization()</c>,
    /// <c>WithSummary()</c>, <c>WithTags()</c>, <c>Produces&lt;T&gt;()</c>, <c>AddEndpointFilter()</c>...
    /// </returns>
    public RouteHandlerBuilder Route(string rule, Delegate handler, IEnumerable<string>? methods = null, string? endpoint = null, bool strictSlashes = true)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(handler);
        return AddRoute(rule, HandlerSource.FromDelegate(handler), methods, endpoint, strictSlashes);
    }

    internal RouteHandlerBuilder AddRoute(string rule, HandlerSource handler, IEnumerable<string>? methods, string? endpoint, bool strictSlashes)
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

        var registration = new RouteRegistration(rule, handler, methods?.Select(m => m.ToUpperInvariant()).ToArray() ?? ["GET"], endpoint ?? handler.DefaultEndpoint, strictSlashes);
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
    /// <returns>A builder for endpoint conventions.</returns>
    public RouteHandlerBuilder Get(string rule, Delegate handler, string? endpoint = null) => Route(rule, handler, ["GET"], endpoint);

    /// <summary>Registers a handler for POST requests that match <paramref name="rule"/>.</summary>
    /// <param name="rule">A Werkzeug rule.</param>
    /// <param name="handler">The handler.</param>
    /// <param name="endpoint">The endpoint name.</param>
    /// <returns>A builder for endpoint conventions.</returns>
    public RouteHandlerBuilder Post(string rule, Delegate handler, string? endpoint = null) => Route(rule, handler, ["POST"], endpoint);

    /// <summary>Registers a handler for PUT requests that match <paramref name="rule"/>.</summary>
    /// <param name="rule">A Werkzeug rule.</param>
    /// <param name="handler">The handler.</param>
    /// <param name="endpoint">The endpoint name.</param>
    /// <returns>A builder for endpoint conventions.</returns>
    public RouteHandlerBuilder Put(string rule, Delegate handler, string? endpoint = null) => Route(rule, handler, ["PUT"], endpoint);

    /// <summary>Registers a handler for PATCH requests that match <paramref name="rule"/>.</summary>
    /// <param name="rule">A Werkzeug rule.</param>
    /// <param name="handler">The handler.</param>
    /// <param name="endpoint">The endpoint name.</param>
    /// <returns>A builder for endpoint conventions.</returns>
    public RouteHandlerBuilder Patch(string rule, Delegate handler, string? endpoint = null) => Route(rule, handler, ["PATCH"], endpoint);

    /// <summary>Registers a handler for DELETE requests that match <paramref name="rule"/>.</summary>
    /// <param name="rule">A Werkzeug rule.</param>
    /// <param name="handler">The handler.</param>
    /// <param name="endpoint">The endpoint name.</param>
    /// <returns>A builder for endpoint conventions.</returns>
    public RouteHandlerBuilder Delete(string rule, Delegate handler, string? endpoint = null) => Route(rule, handler, ["DELETE"], endpoint);

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
