namespace Micro.Templates.Runtime;

/// <summary>
/// An inline cache for one <c>obj.name</c> in a template: the .NET type last seen there and its getter, so a
/// loop over model objects resolves <c>fortune.id</c> with one type check and one delegate call instead of
/// Jinja's attribute-then-item lookup (the checks for every built-in kind of value, then the name's exact,
/// case-insensitive and underscore-free forms). Only plain model types are remembered: their resolution depends
/// on the type alone. Shared by every render of the template, so an entry is replaced whole, never edited.
/// </summary>
internal sealed class AttrSite : IEquatable<AttrSite>
{
    private Entry? _entry;

    /// <summary>Reads the attribute if <paramref name="target"/>'s type is the one remembered.</summary>
    public bool TryGet(object target, out object? value)
    {
        if (_entry is { } e && e.Type == target.GetType())
        {
            value = e.Getter(target);
            return true;
        }

        value = null;
        return false;
    }

    /// <summary>Remembers how the attribute resolves on <paramref name="type"/>.</summary>
    public void Remember(Type type, Func<object, object?> getter) => _entry = new Entry(type, getter);

    // A cache, not part of the syntax: it must not make two equal expressions unequal.

    /// <inheritdoc/>
    public bool Equals(AttrSite? other) => other is not null;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is AttrSite;

    /// <inheritdoc/>
    public override int GetHashCode() => 0;

    private sealed record Entry(Type Type, Func<object, object?> Getter);
}
