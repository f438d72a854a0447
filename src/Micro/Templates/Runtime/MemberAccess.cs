using System.Collections.Concurrent;
using System.Reflection;

namespace Micro.Templates.Runtime;

/// <summary>
/// Reads public instance properties and fields of .NET model objects (classes, records, anonymous
/// types). A template may write <c>user.Name</c>, <c>user.name</c> or <c>user.first_name</c> for
/// <c>FirstName</c>: exact name first, then case-insensitive, then ignoring underscores. Read only:
/// setters and methods are never reachable from a template.
/// </summary>
internal static class MemberAccess
{
    private static readonly ConcurrentDictionary<Type, TypeMembers> s_cache = new();

    public static bool TryGet(object target, string name, out object? value)
    {
        if (Getter(target.GetType(), name) is { } getter)
        {
            value = getter(target);
            return true;
        }

        value = null;
        return false;
    }

    /// <summary>
    /// The getter <paramref name="name"/> resolves to on <paramref name="type"/> (exact, case-insensitive, then
    /// ignoring underscores), or null. Getters return values already normalized (<see cref="PyOps.Normalize"/>).
    /// </summary>
    public static Func<object, object?>? Getter(Type type, string name) =>
        s_cache.GetOrAdd(type, static t => new TypeMembers(t)).Find(name);

    /// <summary>The readable members of <paramref name="type"/>, in declaration order (getters return normalized values).</summary>
    public static IReadOnlyList<KeyValuePair<string, Func<object, object?>>> Members(Type type) =>
        s_cache.GetOrAdd(type, static t => new TypeMembers(t)).All;

    // A typed delegate over the getter is ~10x faster than PropertyInfo.GetValue; value types and
    // anything unusual keep reflection.
    private static Func<object, object?>? FastGetter(Type type, MethodInfo getter)
    {
        if (type.IsValueType || type.ContainsGenericParameters || getter.ReturnType.IsByRef || getter.ReturnType.IsPointer || getter.ReturnType.IsByRefLike)
        {
            return null;
        }

        try
        {
            return (Func<object, object?>)typeof(MemberAccess).GetMethod(nameof(MakeGetter), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(type, getter.ReturnType)
                .Invoke(null, [getter])!;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or NotSupportedException or TargetInvocationException)
        {
            return null;
        }
    }

    private static Func<object, object?> MakeGetter<T, TResult>(MethodInfo getter)
    {
        var typed = getter.CreateDelegate<Func<T, TResult>>();
        if (typeof(TResult) == typeof(int))
        {
            // The commonest non-string member (ids): widen to Jinja's integer without boxing twice.
            var ints = (Func<T, int>)(object)typed;
            return o => (long)ints((T)o);
        }

        return o => PyOps.Normalize(typed((T)o));
    }

    private sealed class TypeMembers
    {
        private readonly Dictionary<string, Func<object, object?>> _exact = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Func<object, object?>> _folded = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, Func<object, object?>> _squashed = new(StringComparer.OrdinalIgnoreCase);

        public TypeMembers(Type type)
        {
            var all = new List<KeyValuePair<string, Func<object, object?>>>();
            foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (p.GetIndexParameters().Length == 0 && p.GetMethod is { IsPublic: true } getter)
                {
                    all.Add(new(p.Name, FastGetter(type, getter) ?? (o => PyOps.Normalize(p.GetValue(o)))));
                }
            }

            foreach (var f in type.GetFields(BindingFlags.Public | BindingFlags.Instance))
            {
                all.Add(new(f.Name, o => PyOps.Normalize(f.GetValue(o))));
            }

            All = all;
            foreach (var (name, getter) in all)
            {
                _exact.TryAdd(name, getter);
                _folded.TryAdd(name, getter);
                _squashed.TryAdd(name.Replace("_", "", StringComparison.Ordinal), getter);
            }
        }

        public List<KeyValuePair<string, Func<object, object?>>> All { get; }

        public Func<object, object?>? Find(string name) =>
            _exact.GetValueOrDefault(name) ?? _folded.GetValueOrDefault(name) ?? _squashed.GetValueOrDefault(name.Replace("_", "", StringComparison.Ordinal));
    }
}
