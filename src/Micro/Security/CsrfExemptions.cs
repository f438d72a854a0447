using System.Runtime.CompilerServices;

namespace Micro.Security;

/// <summary>
/// Blueprints exempted from CSRF checks (Flask-WTF's <c>csrf.exempt(blueprint)</c>), attached to the blueprint
/// instance without widening <see cref="Blueprint"/>'s own surface.
/// </summary>
internal static class CsrfExemptions
{
    private static readonly ConditionalWeakTable<Blueprint, object> Exempt = [];

    public static void Add(Blueprint blueprint) => Exempt.AddOrUpdate(blueprint, true);

    public static bool Contains(IReadOnlyList<Scaffold> scopes)
    {
        foreach (var scope in scopes)
        {
            if (scope is Blueprint blueprint && Exempt.TryGetValue(blueprint, out _))
            {
                return true;
            }
        }

        return false;
    }
}
