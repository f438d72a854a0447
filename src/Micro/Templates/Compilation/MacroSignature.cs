namespace Micro.Templates.Compilation;

/// <summary>A macro's (or caller's) name, parameter names, and whether it accepts extra arguments.</summary>
internal sealed record MacroSignature(string Name, IReadOnlyList<string> Parameters, IReadOnlyList<bool> HasDefault, bool CatchVarargs, bool CatchKwargs, bool CatchCaller);
