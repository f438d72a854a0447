using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Collections.ObjectModel;
using System.Dynamic;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using Micro.Templates.Runtime;

namespace Micro.Templates.Caching;

/// <summary>How the output cache keys a value of one (non-leaf) type, decided once per type.</summary>
internal enum ShapeKind
{
    /// <summary>Not keyable: what a template sees of it may depend on more than the key could hold.</summary>
    Refuse,

    /// <summary>A framework list, array or set: its items in order.</summary>
    List,

    /// <summary>A framework dictionary: its key comparer and its entries in order.</summary>
    Mapping,

    /// <summary>A framework read-only wrapper: the collection it wraps.</summary>
    Wrapper,

    /// <summary>A record, anonymous type or tuple whose code is all the compiler's: every instance field.</summary>
    Fields,

    /// <summary>An <see cref="OutputCacheableAttribute"/> type: its public properties and fields (read with getters).</summary>
    Vouched,

    /// <summary>An <see cref="OutputCacheableAttribute"/> sequence: its items in order.</summary>
    VouchedList,

    /// <summary>An <see cref="OutputCacheableAttribute"/> dictionary: its entries in order.</summary>
    VouchedMapping,
}

/// <summary>
/// What a value of one type is to an output-cache key. Fail closed: a type is keyable only when everything a template
/// can learn from it (members, <c>ToString</c>, equality, iteration, lookups) is a function of state the key reads
/// without running the type's code. Classified once per type, so a key costs a dictionary lookup per new type.
/// </summary>
internal sealed class KeyShape
{
    private static readonly ConcurrentDictionary<Type, KeyShape> s_shapes = new();

    private static readonly KeyShape Refused = new(ShapeKind.Refuse);
    private static readonly KeyShape Listed = new(ShapeKind.List);
    private static readonly KeyShape UnorderedMapping = new(ShapeKind.Mapping);

    private KeyShape(ShapeKind kind) => Kind = kind;

    /// <summary>How the value is keyed.</summary>
    public ShapeKind Kind { get; }

    /// <summary>For <see cref="ShapeKind.Fields"/>: every instance field, the base type's last.</summary>
    public FieldSlot[] Fields { get; private init; } = [];

    /// <summary>For <see cref="ShapeKind.Mapping"/>: reads the key comparer (null when the type has none); for <see cref="ShapeKind.Wrapper"/>, the wrapped collection.</summary>
    public Func<object, object?>? Part { get; private init; }

    /// <summary>For <see cref="ShapeKind.Vouched"/>: the public members as templates read them.</summary>
    public IReadOnlyList<KeyValuePair<string, Func<object, object?>>> Members { get; private init; } = [];

    /// <summary>The shape of <paramref name="type"/> (a value's runtime type).</summary>
    public static KeyShape For(Type type) => s_shapes.GetOrAdd(type, Classify);

    private static KeyShape Classify(Type type)
    {
        if (type.IsDefined(typeof(OutputCacheableAttribute), inherit: false))
        {
            return IsMappingType(type) ? new(ShapeKind.VouchedMapping)
                : typeof(IEnumerable).IsAssignableFrom(type) ? new(ShapeKind.VouchedList)
                : new(ShapeKind.Vouched) { Members = MemberAccess.Members(type) };
        }

        if (type.IsSZArray)
        {
            return type.GetElementType()!.IsPointer ? Refused : Listed;
        }

        if (type == typeof(ExpandoObject))
        {
            return UnorderedMapping; // keys compare ordinally; there is no comparer to read
        }

        if (type.IsGenericType && !type.ContainsGenericParameters)
        {
            var definition = type.GetGenericTypeDefinition();
            // (Not ImmutableArray<T>: a default one throws when read.)
            if (definition == typeof(List<>) || definition == typeof(ImmutableList<>) || definition == typeof(HashSet<>))
            {
                return Listed;
            }

            if (definition == typeof(Dictionary<,>) || definition == typeof(SortedDictionary<,>))
            {
                return Mapping(type, "Comparer");
            }

            if (definition == typeof(ImmutableDictionary<,>) || definition == typeof(ImmutableSortedDictionary<,>))
            {
                return Mapping(type, "KeyComparer");
            }

            // The wrapped collection is what the wrapper shows: it is keyed as itself (and refused if it is not keyable).
            if (definition == typeof(ReadOnlyCollection<>))
            {
                return Wrapper(type, "Items");
            }

            if (definition == typeof(ReadOnlyDictionary<,>))
            {
                return Wrapper(type, "Dictionary");
            }

            if (IsTuple(definition))
            {
                return FieldsOf(type);
            }
        }

        if (IsFrozenDictionary(type))
        {
            return Mapping(type, "Comparer");
        }

        return IsAnonymous(type) || IsRecord(type) ? FieldsOf(type) : Refused;
    }

    // What PyAccess.AsMapping views as a mapping.
    private static bool IsMappingType(Type type) =>
        typeof(IDictionary).IsAssignableFrom(type) || typeof(IDictionary<string, object?>).IsAssignableFrom(type) || typeof(IReadOnlyDictionary<string, object?>).IsAssignableFrom(type);

    // The comparer decides which keys a template's d['Name'] finds, so it is part of the key.
    private static KeyShape Mapping(Type type, string comparer) =>
        new(ShapeKind.Mapping) { Part = Reader(type, type.GetProperty(comparer, BindingFlags.Public | BindingFlags.Instance)!) };

    private static KeyShape Wrapper(Type type, string wrapped) =>
        new(ShapeKind.Wrapper) { Part = Reader(type, type.GetProperty(wrapped, BindingFlags.NonPublic | BindingFlags.Instance)!) };

    // A framework property (a comparer, a wrapped collection): trusted code with no side effects.
    private static Func<object, object?> Reader(Type type, PropertyInfo property)
    {
        var target = Expression.Parameter(typeof(object), "target");
        var read = Expression.Property(Expression.Convert(target, type), property);
        return Expression.Lambda<Func<object, object?>>(Expression.Convert(read, typeof(object)), target).Compile();
    }

    private static bool IsTuple(Type definition) =>
        definition == typeof(KeyValuePair<,>)
        || (definition.Namespace == "System" && definition.Assembly == typeof(object).Assembly
            && (definition.Name.StartsWith("ValueTuple`", StringComparison.Ordinal) || definition.Name.StartsWith("Tuple`", StringComparison.Ordinal)));

    private static bool IsFrozenDictionary(Type type)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(FrozenDictionary<,>))
            {
                // Only the framework's own implementations (internal types in its assembly).
                return type.Assembly == t.Assembly;
            }
        }

        return false;
    }

    private static bool IsAnonymous(Type type) =>
        type.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false) && type.IsSealed && type.BaseType == typeof(object)
        && type.Name.Contains("AnonymousType", StringComparison.Ordinal);

    private static readonly HashSet<string> s_recordMembers = new(StringComparer.Ordinal)
    {
        nameof(ToString), nameof(Equals), nameof(GetHashCode), "PrintMembers", "get_EqualityContract",
    };

    /// <summary>
    /// A record (class or struct) whose printing, equality and hashing are all synthesized by the compiler (at every
    /// level of inheritance), that implements nothing but <see cref="IEquatable{T}"/>, and whose public properties are
    /// all auto-properties: then its fields are all a template can learn from it.
    /// </summary>
    private static bool IsRecord(Type type)
    {
        var chain = new List<Type>();
        for (var t = type; t != typeof(object) && t != typeof(ValueType); t = t.BaseType!)
        {
            // The compiler writes PrintMembers for every record (a user may write their own: then it is not generated).
            var print = t.GetMethod("PrintMembers", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly, [typeof(StringBuilder)]);
            if (print is null || !IsGenerated(print))
            {
                return false;
            }

            foreach (var m in t.GetMethods(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                // A hand-written ToString, Equals or GetHashCode could show anything.
                if (s_recordMembers.Contains(m.Name) && !IsGenerated(m))
                {
                    return false;
                }
            }

            chain.Add(t);
        }

        // IComparable, IFormattable, IEnumerable, IHtmlContent, ...: the runtime would call the type's own code.
        foreach (var i in type.GetInterfaces())
        {
            if (!(i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEquatable<>) && chain.Contains(i.GetGenericArguments()[0])))
            {
                return false;
            }
        }

        // Every property a template can read (MemberAccess's view) must be an auto-property over a field the key reads.
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.GetIndexParameters().Length > 0 || p.GetMethod is not { IsPublic: true } getter)
            {
                continue;
            }

            var backing = p.DeclaringType!.GetField($"<{p.Name}>k__BackingField", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.DeclaredOnly);
            if (!IsGenerated(getter) || backing is null)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsGenerated(MethodInfo method) => method.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false);

    // Every instance field, public or not, at every level: private state can still show through equality.
    private static KeyShape FieldsOf(Type type)
    {
        var slots = new List<FieldSlot>();
        for (var t = type; t is not null && t != typeof(object) && t != typeof(ValueType); t = t.BaseType)
        {
            foreach (var f in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (f.FieldType.IsPointer || f.FieldType.IsByRefLike || f.FieldType.IsFunctionPointer)
                {
                    return Refused;
                }

                slots.Add(FieldSlot.For(type, f));
            }
        }

        return new(ShapeKind.Fields) { Fields = [.. slots] };
    }
}
