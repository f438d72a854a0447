using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Micro.Routing;

namespace Micro.Hosting;

/// <summary>
/// Runs one request the way Flask's <c>full_dispatch_request</c> does: before-request hooks, the handler (or the
/// routing error standing in for it), conversion of the return value, error handlers, after-request hooks,
/// and teardown hooks that always run.
/// </summary>
internal sealed partial class Dispatcher(MicroApp app, IServiceProvider services, ILogger logger, IHostEnvironment environment)
{
    private readonly Lazy<ErrorHandlerSpec> _spec = new(() => new ErrorHandlerSpec(app, services));

    /// <summary>Compiles the error handlers and teardown hooks, so one that cannot be bound fails the app's start.</summary>
    public void Prepare() => _ = _spec.Value;

    public async Task DispatchAsync(HttpContext context)
    {
        var table = app.Table;
        var micro = MicroContext.GetOrCreate(context, table);
        if (micro.Route is null && micro.RoutingError is null)
        {
            micro.RoutingError = new HttpException(404);
        }

        var scopes = micro.Route?.Scopes ?? table.AppScopes;
        Exception? unhandled = null;
        Response response;
        try
        {
            try
            {
                response = await RunAsync(context, micro, scopes).ConfigureAwait(false);
            }
            catch (Exception error) when (!IsAbort(context, error))
            {
                response = await HandleUserExceptionAsync(context, micro, scopes, error).ConfigureAwait(false);
            }

            response = await RunAfterHooksAsync(context, micro, scopes, response).ConfigureAwait(false);
        }
        catch (Exception error) when (!IsAbort(context, error))
        {
            unhandled = error;
            Log.Unhandled(logger, error, context.Request.Path, context.Request.Method);
            response = await HandleExceptionAsync(context, micro, scopes, error).ConfigureAwait(false);
            try
            {
                response = await RunAfterHooksAsync(context, micro, scopes, response).ConfigureAwait(false);
            }
            catch (Exception hookError) when (!IsAbort(context, hookError))
            {
                // As Flask does for error responses: an after-request hook failing here is logged, not raised.
                Log.Unhandled(logger, hookError, context.Request.Path, context.Request.Method);
            }
        }

        try
        {
            // Essentials: Flask's process_response saves the session after the after-request hooks, before writing.
            await Sessions.SessionInterface.SaveAsync(context, response).ConfigureAwait(false);
        }
        catch (HttpException error)
        {
            // The session store answered with an HTTP error (Redis unreachable: 503): answer it as a handler's would be.
            try
            {
                response = await HandleUserExceptionAsync(context, micro, scopes, error).ConfigureAwait(false);
            }
            catch (Exception handlerError) when (!IsAbort(context, handlerError))
            {
                unhandled ??= handlerError;
                Log.Unhandled(logger, handlerError, context.Request.Path, context.Request.Method);
                response = await HandleExceptionAsync(context, micro, scopes, handlerError).ConfigureAwait(false);
            }
        }
        catch (Exception error) when (!IsAbort(context, error))
        {
            // A session too large for its cookie in Development, or the session store failing: fail loudly, as a 500.
            unhandled ??= error;
            Log.Unhandled(logger, error, context.Request.Path, context.Request.Method);
            response = await HandleExceptionAsync(context, micro, scopes, error).ConfigureAwait(false);
        }

        try
        {
            await response.ExecuteAsync(context).ConfigureAwait(false);
        }
        catch (Exception error) when (!IsAbort(context, error) && !context.Response.HasStarted)
        {
            // Every body was prepared above, so only a body changed after preparing fails here: the hooks have run, so
            // the plain page answers, still before anything was sent.
            unhandled ??= error;
            Log.Unhandled(logger, error, context.Request.Path, context.Request.Method);
            context.Response.Clear();
            await DefaultPage(new HttpException(500), environment.IsDevelopment() ? error.ToString() : null).ExecuteAsync(context).ConfigureAwait(false);
        }
        finally
        {
            if (HasTeardownHooks(scopes))
            {
                await RunTeardownAsync(context, micro, scopes, unhandled).ConfigureAwait(false);
            }
        }
    }

    private static bool IsAbort(HttpContext context, Exception error) =>
        error is OperationCanceledException && context.RequestAborted.IsCancellationRequested;

    private async ValueTask<Response> RunAsync(HttpContext context, MicroContext micro, IReadOnlyList<Scaffold> scopes)
    {
        // Essentials: CSRF is checked before any before-request hook, as Flask-WTF's CSRFProtect hook runs first;
        // the form it reads is held to the body limit, and its charset to what the form reader can decode.
        if (micro.Route is not null)
        {
            LimitBody(context);
            Request.EnsureKnownCharset(context.Request);
            await Security.CsrfProtection.ValidateAsync(context, micro).ConfigureAwait(false);

            // Flask's request.form is there in every hook and handler: read a form body now (the CSRF check usually has).
            if (context.Request.ContentType is not null && context.Request.HasFormContentType)
            {
                await Request.For(context).FormAsync().ConfigureAwait(false);
            }
        }

        // App hooks first, then each blueprint from the outermost in.
        for (var s = 0; s < scopes.Count; s++)
        {
            foreach (var hook in scopes[s].BeforeHooks)
            {
                if (await InvokeAsync(micro.Table.CompiledHook(hook), context, micro).ConfigureAwait(false) is { } early)
                {
                    return await FinishAsync(Responses.Convert(early), context).ConfigureAwait(false);
                }
            }
        }

        if (micro.RoutingError is { } routingError)
        {
            throw routingError;
        }

        var route = micro.Route!;
        if (route.AutomaticOptions && HttpMethods.IsOptions(context.Request.Method))
        {
            var allowed = micro.Table.Matcher.Match(PathDecoding.MatchPath(context), "--").AllowedMethods;
            // Werkzeug's automatic answer: an empty HTML body.
            var options = new Response(null, 200, "text/html; charset=utf-8");
            options.Headers.Allow = string.Join(", ", allowed.Order(StringComparer.Ordinal));
            options.Headers.ContentLength = 0;
            return options;
        }

        var result = Responses.Convert(await InvokeAsync(route.Invoker, context, micro).ConfigureAwait(false));
        return await FinishAsync(result, context).ConfigureAwait(false);
    }

    /// <summary>Does now what may fail, so failures reach the error handlers: render templates, find files, serialize JSON.</summary>
    private static async ValueTask<Response> FinishAsync(Response response, HttpContext context)
    {
        await response.PrepareAsync(context).ConfigureAwait(false);
        return response;
    }

    private void LimitBody(HttpContext context)
    {
        if (app.MaxContentLength is not { } limit)
        {
            return;
        }

        if (context.Request.ContentLength > limit)
        {
            throw new HttpException(413);
        }

        // Bodies without a length (chunked) are cut off by the server while they are read.
        if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }
    }

    private static async ValueTask<object?> InvokeAsync(RequestDelegate compiled, HttpContext context, MicroContext micro)
    {
        micro.Captured = null;
        try
        {
            await compiled(context).ConfigureAwait(false);
        }
        catch (BadHttpRequestException error)
        {
            throw new HttpException(error.StatusCode, error.Message, error);
        }

        var value = micro.Captured;
        micro.Captured = null;
        return value;
    }

    private async ValueTask<Response> HandleUserExceptionAsync(HttpContext context, MicroContext micro, IReadOnlyList<Scaffold> scopes, Exception error)
    {
        if (error is BadHttpRequestException bad)
        {
            error = new HttpException(bad.StatusCode, bad.Message, bad);
        }

        // Routing redirects are answers, not errors: no error handler sees them (Flask's RoutingException).
        if (error is HttpException { StatusCode: >= 300 and < 400 } redirect)
        {
            return DefaultPage(redirect, null);
        }

        if (ErrorHandlerSpec.Find(scopes, error) is { } handler)
        {
            return await InvokeErrorHandlerAsync(context, micro, handler, error).ConfigureAwait(false);
        }

        if (error is HttpException http)
        {
            return DefaultPage(http, null);
        }

        System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(error).Throw();
        throw error;
    }

    private async ValueTask<Response> InvokeErrorHandlerAsync(HttpContext context, MicroContext micro, Delegate handler, Exception error)
    {
        var compiled = _spec.Value.Compiled(handler);
        micro.CurrentError = error;
        try
        {
            var value = await ErrorBinding.WithErrorAsync(context, error, () => InvokeAsync(compiled, context, micro)).ConfigureAwait(false);
            return await FinishAsync(ErrorResponse(value, (error as HttpException)?.StatusCode ?? 500), context).ConfigureAwait(false);
        }
        finally
        {
            micro.CurrentError = null;
        }
    }

    private static Response ErrorResponse(object? value, int statusCode)
    {
        // A handler returning a bare body keeps the error's status.
        var response = Responses.Convert(value);
        if (value is string or byte[] && response.StatusCode == 200)
        {
            response.StatusCode = statusCode;
        }

        return response;
    }

    private async ValueTask<Response> HandleExceptionAsync(HttpContext context, MicroContext micro, IReadOnlyList<Scaffold> scopes, Exception error)
    {
        // Flask's handle_exception: the unhandled error becomes an InternalServerError whose cause it is, and that
        // goes through the lookup again (a 500 handler, then HttpException and Exception handlers).
        var server = new HttpException(500, ErrorPage.Describe(500), error);
        if (ErrorHandlerSpec.Find(scopes, server) is { } handler)
        {
            try
            {
                return await InvokeErrorHandlerAsync(context, micro, handler, server).ConfigureAwait(false);
            }
            catch (Exception handlerError) when (!IsAbort(context, handlerError))
            {
                Log.Unhandled(logger, handlerError, context.Request.Path, context.Request.Method);
            }
        }

        return DefaultPage(server, environment.IsDevelopment() ? TemplateExcerpt.For(app, error) + error : null);
    }

    private static Response DefaultPage(HttpException error, string? detail)
    {
        var body = error.StatusCode is >= 300 and < 400
            ? ErrorPage.Redirect(error.Headers.Location.ToString())
            : ErrorPage.Html(error.StatusCode, error.Description, detail);
        var response = new Response(body, error.StatusCode);
        foreach (var (name, value) in error.Headers)
        {
            response.Headers[name] = value;
        }

        return response;
    }

    private static async ValueTask<Response> RunAfterHooksAsync(HttpContext context, MicroContext micro, IReadOnlyList<Scaffold> scopes, Response response)
    {
        // Innermost blueprint first, then the app; each scope's hooks in reverse registration order.
        for (var i = scopes.Count - 1; i >= 0; i--)
        {
            var hooks = scopes[i].AfterHooks;
            for (var h = hooks.Count - 1; h >= 0; h--)
            {
                micro.CurrentResponse = response;
                if (await InvokeAsync(micro.Table.CompiledHook(hooks[h]), context, micro).ConfigureAwait(false) is { } replaced)
                {
                    response = await FinishAsync(Responses.Convert(replaced), context).ConfigureAwait(false);
                }
            }
        }

        micro.CurrentResponse = null;
        return response;
    }

    private async ValueTask RunTeardownAsync(HttpContext context, MicroContext micro, IReadOnlyList<Scaffold> scopes, Exception? error)
    {
        for (var i = scopes.Count - 1; i >= 0; i--)
        {
            var hooks = scopes[i].TeardownHooks;
            for (var h = hooks.Count - 1; h >= 0; h--)
            {
                try
                {
                    if (hooks[h] is Action<Request, Exception?> simple)
                    {
                        simple(Request.For(context), error);
                    }
                    else
                    {
                        await InvokeTeardownAsync(_spec.Value.Compiled(hooks[h]), context, micro, error).ConfigureAwait(false);
                    }
                }
                catch (Exception hookError)
                {
                    Log.Teardown(logger, hookError);
                }
            }
        }
    }

    // Most apps have no teardown hook: the common request skips the hook loop's state machine entirely.
    private static bool HasTeardownHooks(IReadOnlyList<Scaffold> scopes)
    {
        for (var i = 0; i < scopes.Count; i++)
        {
            if (scopes[i].TeardownHooks.Count > 0)
            {
                return true;
            }
        }

        return false;
    }

    // Its own method, so the closure over the request is allocated only when a compiled teardown hook runs.
    private static ValueTask<object?> InvokeTeardownAsync(RequestDelegate compiled, HttpContext context, MicroContext micro, Exception? error) =>
        ErrorBinding.WithErrorAsync(context, error, () => InvokeAsync(compiled, context, micro));

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "Exception on {Path} [{Method}]")]
        public static partial void Unhandled(ILogger logger, Exception error, PathString path, string method);

        [LoggerMessage(2, LogLevel.Error, "A teardown hook failed")]
        public static partial void Teardown(ILogger logger, Exception error);
    }
}
