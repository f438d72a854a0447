namespace Micro.Templates.Runtime;

/// <summary>A filter as the runtime calls it.</summary>
internal delegate object? FilterFunc(RenderContext context, object? value, Arguments args);
