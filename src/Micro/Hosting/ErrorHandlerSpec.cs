using Microsoft.AspNetCore.Http;
using Micro.Routing;

namespace Micro.Hosting;

/// <summary>
/// The app's error handlers and teardown hooks, compiled once at startup, and Flask's <c>_find_error_handler</c> over
/// them. The table itself is each scope's <see cref="Scaffold.ErrorHandlers"/> (Flask's <c>error_handler_spec</c>,
/// keyed by blueprint, then code, then class).
/// </summary>
internal sealed class ErrorHandlerSpec
{
    private readonly Dictionary<Delegate, Lazy<RequestDelegate>> _compiled = [];

    public ErrorHandlerSpec(MicroApp app, IServiceProvider services)
    {
        // A parameter of an exception type binds to the error being handled (see ErrorBinding).
        var binding = new ErrorBinding.Services(services);
        foreach (var scope in AllScopes(app))
        {
            foreach (var hook in scope.ErrorHandlers.Values)
            {
                if (!_compiled.ContainsKey(hook))
                {
                    _compiled[hook] = HandlerCompiler.Prepare(HandlerSource.FromDelegate(hook), binding, null);
                }
            }

            foreach (var hook in scope.TeardownHooks)
            {
                if (!_compiled.ContainsKey(hook) && hook is not Action<Request, Exception?>)
                {
                    _compiled[hook] = PrepareTeardown(hook, binding);
                }
            }
        }
    }

    public RequestDelegate Compiled(Delegate hook) => _compiled[hook].Value;

    /// <summary>
    /// Compiles a teardown hook without the endpoint filter that captures return values: the platform's filter
    /// pipeline skips a handler once the status is an error, and a teardown hook runs after the response, whatever it
    /// was. So a teardown hook returns nothing (Flask ignores what one returns).
    /// </summary>
    private static Lazy<RequestDelegate> PrepareTeardown(Delegate hook, IServiceProvider binding)
    {
        var returns = hook.Method.ReturnType;
        if (returns != typeof(void) && returns != typeof(Task) && returns != typeof(ValueTask))
        {
            throw new InvalidOperationException($"Teardown hook {HandlerCompiler.Describe(hook.Method)} returns {returns.Name}: a teardown hook's return value would be ignored, as in Flask. Make it return nothing (void or Task).");
        }

        var options = new RequestDelegateFactoryOptions { ServiceProvider = binding, ThrowOnBadRequest = true };
        try
        {
            var metadata = RequestDelegateFactory.InferMetadata(hook.Method, options);
            return new Lazy<RequestDelegate>(() => RequestDelegateFactory.Create(hook, options, metadata).RequestDelegate);
        }
        catch (Exception error) when (error is InvalidOperationException or NotSupportedException or ArgumentException)
        {
            throw new InvalidOperationException($"Cannot bind the parameters of teardown hook {HandlerCompiler.Describe(hook.Method)}: {error.Message}", error);
        }
    }

    /// <summary>
    /// Flask's <c>_find_error_handler</c>: for an HTTP error, handlers registered for its code first, then handlers by
    /// class; within each, the innermost blueprint first and the app last; within one scope, the exception's class
    /// chain from the most derived.
    /// </summary>
    /// <param name="scopes">The app, then each blueprint of the matched route from the outermost in.</param>
    /// <param name="error">The exception being handled.</param>
    /// <returns>The handler, or <see langword="null"/>.</returns>
    public static Delegate? Find(IReadOnlyList<Scaffold> scopes, Exception error)
    {
        int? code = error is HttpException http ? http.StatusCode : null;
        return (code is null ? null : Find(scopes, error, code)) ?? Find(scopes, error, null);
    }

    private static Delegate? Find(IReadOnlyList<Scaffold> scopes, Exception error, int? code)
    {
        for (var i = scopes.Count - 1; i >= 0; i--)
        {
            var handlers = scopes[i].ErrorHandlers;
            if (handlers.Count == 0)
            {
                continue;
            }

            for (var type = error.GetType(); type is not null && type != typeof(object); type = type.BaseType)
            {
                if (handlers.TryGetValue((code, type), out var handler))
                {
                    return handler;
                }
            }
        }

        return null;
    }

    private static IEnumerable<Scaffold> AllScopes(Scaffold scope)
    {
        yield return scope;
        foreach (var (blueprint, _, _) in scope.Blueprints)
        {
            foreach (var inner in AllScopes(blueprint))
            {
                yield return inner;
            }
        }
    }
}
