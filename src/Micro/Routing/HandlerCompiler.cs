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
    public static RequestDelegate Compile(HandlerSource handler, IServiceProvider services, IEnumerable<string>? routeParameters, EndpointBuilder? builder = null)
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

        try
        {
            var result = handler.Delegate is { } @delegate
                ? RequestDelegateFactory.Create(@delegate, options)
                : RequestDelegateFactory.Create(handler.Method, handler.TargetFactory, options);
            return result.RequestDelegate;
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
