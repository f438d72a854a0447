namespace Micro.Templates.Runtime;

/// <summary>The argument of a block's function unit: the scope the block renders in.</summary>
internal sealed record BlockCall(Frame Frame);
