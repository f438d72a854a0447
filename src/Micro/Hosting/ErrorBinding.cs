using Microsoft.Extensions.DependencyInjection;

namespace Micro.Hosting;

/// <summary>
/// Binds a parameter of an exception type in an error handler or teardown hook to the error being handled, through
/// ASP.NET Core's own parameter binding: the handler is compiled against <see cref="Services"/>, which tells
/// <c>RequestDelegateFactory</c> that exception types are services, and while it runs the request's services are
/// <see cref="Scope"/>, which answers them with the error. Everything else binds as in any handler.
/// </summary>
internal static class ErrorBinding
{
    private static bool IsError(Type type) => typeof(Exception).IsAssignableFrom(type);

    /// <summary>Runs <paramref name="invoke"/> with the request's services answering exception types with <paramref name="error"/>.</summary>
    public static async ValueTask<T> WithErrorAsync<T>(Microsoft.AspNetCore.Http.HttpContext context, Exception? error, Func<ValueTask<T>> invoke)
    {
        var original = context.RequestServices;
        context.RequestServices = new Scope(original, error);
        try
        {
            return await invoke().ConfigureAwait(false);
        }
        finally
        {
            context.RequestServices = original;
        }
    }

    /// <summary>The app's services, as the compiler of error handlers sees them.</summary>
    public sealed class Services(IServiceProvider inner) : IServiceProvider, IServiceProviderIsService
    {
        public object? GetService(Type serviceType) =>
            serviceType == typeof(IServiceProviderIsService) ? this : inner.GetService(serviceType);

        public bool IsService(Type serviceType) =>
            IsError(serviceType) || (inner.GetService(typeof(IServiceProviderIsService)) as IServiceProviderIsService)?.IsService(serviceType) == true;
    }

    /// <summary>The request's services while an error handler or teardown hook runs.</summary>
    private sealed class Scope(IServiceProvider inner, Exception? error) : IServiceProvider, ISupportRequiredService, IKeyedServiceProvider
    {
        public object? GetService(Type serviceType) =>
            IsError(serviceType) ? (serviceType.IsInstanceOfType(error) ? error : null) : inner.GetService(serviceType);

        // A teardown hook's "Exception error" is null when the request succeeded, as in Flask; a handler declaring a
        // narrower type than the one it handles gets null too.
        public object GetRequiredService(Type serviceType) =>
            IsError(serviceType) ? GetService(serviceType)! : inner.GetRequiredService(serviceType);

        public object? GetKeyedService(Type serviceType, object? serviceKey) =>
            (inner as IKeyedServiceProvider)?.GetKeyedService(serviceType, serviceKey);

        public object GetRequiredKeyedService(Type serviceType, object? serviceKey) =>
            inner.GetRequiredKeyedService(serviceType, serviceKey);
    }
}
