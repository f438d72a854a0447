using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Micro.Hosting;

namespace Micro.Routing;

/// <summary>
/// Builds handlers and hooks with ASP.NET Core's <see cref="RequestDelegateFactory"/> (so DI, <c>HttpContext</c>,
/// <c>CancellationToken</c>, typed route values, query, form and JSON binding come from the platform), with one
/// endpoint filter that captures the return value so Micro can convert it the way Flask does.
/// </summary>
internal static class HandlerCompiler
{
    /// <summary>
    /// Checks the handler's parameters and adds their metadata to <paramref name="builder"/> now (so a handler that
    /// cannot be bound fails at startup), and returns a <see cref="Lazy{T}"/> that compiles the delegate when the
    /// route is first used. Compiling is most of the cost (expression trees to IL, then JIT): done for every
    /// route at startup it made an app's time to first response grow with its number of routes, while ASP.NET
    /// Core's own endpoints compile on first use too.
    /// </summary>
    public static Lazy<RequestDelegate> Prepare(HandlerSource handler, IServiceProvider services, IEnumerable<string>? routeParameters, EndpointBuilder? builder = null)
    {
        builder ??= new RouteEndpointBuilder(null, RoutePatternFactory.Parse("/"), 0);
        var returnsNothing = ReturnsNothing(handler.Method);
        builder.FilterFactories.Add((_, next) => async invocation =>
        {
            var value = await next(invocation).ConfigureAwait(false);
            var micro = MicroContext.Get(invocation.HttpContext)!;
            micro.Captured = returnsNothing ? null : value;
            return NoOpResult.Instance;
        });

        var options = new RequestDelegateFactoryOptions
        {
            ServiceProvider = services,
            RouteParameterNames = routeParameters,
            ThrowOnBadRequest = true,
            EndpointBuilder = builder,
        };

        var metadata = Guard(handler, () => RequestDelegateFactory.InferMetadata(handler.Method, options));
        return new Lazy<RequestDelegate>(() => Guard(handler, () => (handler.Delegate is { } @delegate
            ? RequestDelegateFactory.Create(@delegate, options, metadata)
            : RequestDelegateFactory.Create(handler.Method, handler.TargetFactory, options, metadata)).RequestDelegate));
    }

    private static T Guard<T>(HandlerSource handler, Func<T> build)
    {
        try
        {
            return build();
        }
        catch (Exception error) when (error is InvalidOperationException or NotSupportedException or ArgumentException)
        {
            throw new InvalidOperationException($"Cannot bind the parameters of {Describe(handler.Method)}: {error.Message}", error);
        }
    }

    private static bool ReturnsNothing(MethodInfo method) =>
        method.ReturnType == typeof(void) || method.ReturnType == typeof(Task) || method.ReturnType == typeof(ValueTask);

    public static string Describe(MethodInfo method) =>
        method.Name.Contains('<', StringComparison.Ordinal) ? "a lambda" : $"{method.DeclaringType?.Name}.{method.Name}";

    private sealed class NoOpResult : IResult
    {
        public static readonly NoOpResult Instance = new();

        public Task ExecuteAsync(HttpContext httpContext) => Task.CompletedTask;
    }
}
