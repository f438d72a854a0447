using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;

namespace Micro.OpenApi;

/// <summary>
/// Adds Micro's transformer to every OpenAPI document, when the app uses <c>AddOpenApi()</c>. Micro references
/// Microsoft.AspNetCore.OpenApi at compile time only: an app that calls <c>AddOpenApi()</c> references the package itself,
/// and an app that does not never loads it.
/// </summary>
internal static class OpenApiSetup
{
    /// <summary>Adds the transformer if <c>AddOpenApi()</c> was called (its services are there); otherwise touches nothing of OpenAPI.</summary>
    public static void AddIfUsed(IServiceCollection services)
    {
        foreach (var service in services)
        {
            if (service.ServiceType.Namespace == "Microsoft.AspNetCore.OpenApi")
            {
                Add(services);
                return;
            }
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Add(IServiceCollection services) =>
        services.ConfigureAll<OpenApiOptions>(options => options.AddOperationTransformer(new RuleParameterTransformer()));
}
