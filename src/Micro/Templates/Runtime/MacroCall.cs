namespace Micro.Templates.Runtime;

/// <summary>The argument of a macro's function unit: the macro and the call's arguments.</summary>
internal sealed record MacroCall(Macro Macro, Arguments Args);
