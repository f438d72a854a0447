namespace Micro.Templates.Runtime;

/// <summary>A method of a built-in value (<c>dict.items</c>, <c>str.upper</c>, <c>loop.cycle</c>) waiting to be called.</summary>
internal sealed class BoundMethod(object? self, string name, Func<object?, Arguments, object?> invoke)
{
    /// <summary>The receiver.</summary>
    public object? Self { get; } = self;

    /// <summary>The method name.</summary>
    public string Name { get; } = name;

    /// <summary>Calls the method.</summary>
    public object? Invoke(Arguments args) => invoke(Self, args);
}
