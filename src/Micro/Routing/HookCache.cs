using Microsoft.AspNetCore.Http;

namespace Micro.Routing;

/// <summary>The app's and blueprints' hooks each built once by the platform and compiled on first use.</summary>
internal sealed class HookCache
{
    private readonly Dictionary<Delegate, Lazy<RequestDelegate>> _hooks = [];

    public HookCache(MicroApp app, IServiceProvider services)
    {
        foreach (var scope in AllScopes(app))
        {
            foreach (var hook in scope.BeforeHooks.Concat(scope.AfterHooks))
            {
                if (!_hooks.ContainsKey(hook))
                {
                    _hooks[hook] = HandlerCompiler.Prepare(HandlerSource.FromDelegate(hook), services, null);
                }
            }
        }
    }

    public RequestDelegate Get(Delegate hook) => _hooks[hook].Value;

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
