using System.Reflection;

namespace Micro.Routing;

/// <summary>Reads <see cref="RouteAttribute"/>s off a class and registers them, as a blueprint when the class says so.</summary>
internal static class AttributeRoutes
{
    private static readonly Dictionary<Type, string> MethodsByAttribute = new()
    {
        [typeof(GetAttribute)] = "GET",
        [typeof(PostAttribute)] = "POST",
        [typeof(PutAttribute)] = "PUT",
        [typeof(PatchAttribute)] = "PATCH",
        [typeof(DeleteAttribute)] = "DELETE",
    };

    public static void Register(Scaffold target, Type type)
    {
        var blueprintAttribute = type.GetCustomAttribute<BlueprintAttribute>();
        Scaffold scope = blueprintAttribute is null ? target : new Blueprint(blueprintAttribute.Name, blueprintAttribute.UrlPrefix);
        var count = 0;
        foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
        {
            foreach (var attribute in method.GetCustomAttributes<RouteAttribute>())
            {
                var methods = MethodsByAttribute.TryGetValue(attribute.GetType(), out var single)
                    ? [single]
                    : attribute.Methods.Length > 0 ? attribute.Methods : ["GET"];
                scope.AddRoute(
                    attribute.Rule,
                    HandlerSource.FromMethod(type, method),
                    methods,
                    attribute.Endpoint,
                    attribute.StrictSlashes,
                    attribute.Defaults.Length > 0 ? DefaultValues.From(attribute.Defaults, attribute.Rule) : null,
                    attribute.RedirectTo is { } redirect ? RedirectTarget.To(redirect) : null);
                count++;
            }
        }

        if (count == 0)
        {
            throw new ArgumentException($"Type '{type.FullName}' has no public methods with [Route], [Get], [Post], [Put], [Patch] or [Delete] attributes.", nameof(type));
        }

        if (scope is Blueprint blueprint)
        {
            target.Register(blueprint);
        }
    }
}
