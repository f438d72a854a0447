using Micro.Templates.Compilation;

namespace Micro.Templates.Runtime;

/// <summary>The argument of a recursive loop's function unit: what to iterate, at which depth, in which scope.</summary>
internal sealed record RecursiveCall(ScriptUnit Unit, CompiledTemplate Program, Frame Frame, object? Iterable, int Depth);
