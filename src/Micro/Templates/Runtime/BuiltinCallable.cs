namespace Micro.Templates.Runtime;

/// <summary>A callable global implemented in C# with access to the render (range, dict, namespace, ...).</summary>
internal sealed class BuiltinCallable(string name, Func<RenderContext, Arguments, object?> invoke)
{
    /// <summary>The global's name.</summary>
    public string Name { get; } = name;

    /// <summary>Calls it.</summary>
    public object? Invoke(RenderContext context, Arguments args) => invoke(context, args);
}
