using Micro.Templates.Compilation;

namespace Micro.Templates.Runtime;

/// <summary>A macro (or a <c>{% call %}</c> body, as <c>caller</c>): a function unit plus the scope it was defined in.</summary>
internal sealed class Macro(ScriptUnit unit, CompiledTemplate program, Frame closure)
{
    /// <summary>The compiled body.</summary>
    public ScriptUnit Unit { get; } = unit;

    /// <summary>The program the macro belongs to (for blocks referenced from it).</summary>
    public CompiledTemplate Program { get; } = program;

    /// <summary>The defining scope.</summary>
    public Frame Closure { get; } = closure;

    /// <summary>The evaluation context of the template context that defined the macro (its body runs there).</summary>
    public required EvalContext Eval { get; init; }

    /// <summary>Name and parameters.</summary>
    public MacroSignature Signature => Unit.Signature!;
}
