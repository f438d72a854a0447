namespace Micro.Templates.Runtime;

/// <summary>A test as the runtime calls it.</summary>
internal delegate bool TestFunc(RenderContext context, object? value, Arguments args);
