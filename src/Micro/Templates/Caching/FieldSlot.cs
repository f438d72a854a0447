using System.Linq.Expressions;
using System.Reflection;

namespace Micro.Templates.Caching;

/// <summary>
/// Reads one instance field of a keyed type (a record's or an anonymous type's backing field, a tuple's item)
/// straight from the object: no getter or other code of the type runs. A field whose declared type is a leaf
/// (<see cref="ModelKey.IsLeafType"/>) also compares with a stored key value without boxing, which keeps a cache
/// hit free of allocations.
/// </summary>
internal abstract class FieldSlot
{
    /// <summary>Whether the field's declared type is a leaf, so <see cref="Same"/> applies.</summary>
    public abstract bool IsLeaf { get; }

    /// <summary>The field's value (boxed when a value type).</summary>
    public abstract object? Read(object owner);

    /// <summary>For a leaf field: whether its value is exactly <paramref name="token"/> (<see cref="ModelKey.SameValue"/>).</summary>
    public abstract bool Same(object owner, object? token);

    /// <summary>A slot for <paramref name="field"/> on objects of type <paramref name="owner"/> (the field's type or one derived from it).</summary>
    public static FieldSlot For(Type owner, FieldInfo field)
    {
        var target = Expression.Parameter(typeof(object), "target");
        // Convert unboxes a struct (a copy on the stack) or casts a class; reading a private field is allowed here.
        var read = Expression.Field(Expression.Convert(target, owner), field);
        if (ModelKey.IsLeafType(field.FieldType))
        {
            var lambda = Expression.Lambda(typeof(Func<,>).MakeGenericType(typeof(object), field.FieldType), read, target).Compile();
            return (FieldSlot)Activator.CreateInstance(typeof(Leaf<>).MakeGenericType(field.FieldType), lambda)!;
        }

        return new Boxed(Expression.Lambda<Func<object, object?>>(Expression.Convert(read, typeof(object)), target).Compile());
    }

    private sealed class Leaf<T>(Func<object, T> read) : FieldSlot
    {
        public override bool IsLeaf => true;

        public override object? Read(object owner) => read(owner);

        public override bool Same(object owner, object? token)
        {
            var value = read(owner);
            if (token is null)
            {
                return value is null;
            }

            // Exactly T: a boxed enum of another enum type with the same underlying type is not this value.
            return token.GetType() == typeof(T) && ModelKey.Same((T)token, value);
        }
    }

    private sealed class Boxed(Func<object, object?> read) : FieldSlot
    {
        public override bool IsLeaf => false;

        public override object? Read(object owner) => read(owner);

        public override bool Same(object owner, object? token) => throw new NotSupportedException("Not a leaf field.");
    }
}
