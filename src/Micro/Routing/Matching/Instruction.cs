namespace Micro.Routing.Matching;

/// <summary>One step of a compiled <see cref="PartProgram"/>.</summary>
/// <param name="Op">What the step does.</param>
/// <param name="Next">The instruction to go on with (for <see cref="OpCode.Split"/>: the preferred one).</param>
/// <param name="Other">For <see cref="OpCode.Split"/>: the alternative; for <see cref="OpCode.Save"/>: the capture slot; for <see cref="OpCode.Scan"/>: the literal.</param>
/// <param name="Char">For <see cref="OpCode.Char"/>: the character.</param>
/// <param name="Set">For <see cref="OpCode.Set"/> and <see cref="OpCode.Look"/>: the class.</param>
/// <param name="Flags">For <see cref="OpCode.Anchor"/>: the kind; for <see cref="OpCode.Look"/>: 1 behind, 2 negated.</param>
internal readonly record struct Instruction(OpCode Op, int Next, int Other = 0, char Char = '\0', CharSet? Set = null, int Flags = 0);

/// <summary>The operations of a <see cref="PartProgram"/>.</summary>
internal enum OpCode : byte
{
    /// <summary>Consume one given character.</summary>
    Char,

    /// <summary>Consume one character of a class.</summary>
    Set,

    /// <summary>Try <see cref="Instruction.Next"/>, then, if that fails, <see cref="Instruction.Other"/>.</summary>
    Split,

    /// <summary>Go to <see cref="Instruction.Next"/>.</summary>
    Jump,

    /// <summary>Record the position in a capture slot.</summary>
    Save,

    /// <summary>Test an anchor.</summary>
    Anchor,

    /// <summary>Test the character before or after the position.</summary>
    Look,

    /// <summary>The whole pattern matched.</summary>
    Match,

    /// <summary>
    /// A lazy loop over one class (<see cref="Instruction.Set"/>) before literal text (literal <see cref="Instruction.Other"/>
    /// of the program, class <see cref="Instruction.Flags"/> of its scans): exit at each occurrence of the literal the
    /// loop can reach, in order.
    /// </summary>
    Scan,

    /// <summary>
    /// A greedy loop over one class before literal text (as <see cref="Scan"/>): exit at each occurrence of the literal
    /// the loop can reach, last first.
    /// </summary>
    GreedyScan,
}
