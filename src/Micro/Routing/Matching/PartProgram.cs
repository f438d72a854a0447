using System.Runtime.CompilerServices;

namespace Micro.Routing.Matching;

/// <summary>
/// A rule part's regular expression compiled for a backtracking search that remembers every (instruction,
/// position) pair it has already tried (RE2's "bit state"). It tries the alternatives in exactly the order a
/// backtracking engine does — so it finds the same match with the same group bounds as .NET's and Python's
/// engines — but never tries a pair twice: a failed pair fails again whatever the path to it, as the subset
/// has no backreferences and no loop that can go round without consuming. A match therefore takes at most
/// (instructions × (characters + 1)) steps: linear in the text, whatever the nesting of quantifiers.
/// </summary>
internal sealed class PartProgram
{
    /// <summary>The largest program compiled; a larger part (huge counted repeats) keeps .NET's engine.</summary>
    public const int MaxInstructions = 16384;

    private readonly Instruction[] _code;
    private readonly int[] _memo;
    private readonly int _memoCount;
    private readonly int _minLength;
    private readonly string _prefix;
    private readonly string _suffix;
    private readonly string[] _inner;

    [ThreadStatic]
    private static ulong[]? t_visited;

    [ThreadStatic]
    private static int[]? t_stack;

    private PartProgram(Instruction[] code, PatternNode root, int groups)
    {
        _code = code;
        Groups = groups;
        _memo = new int[code.Length];
        var incoming = new int[code.Length];
        incoming[0]++;
        foreach (var instruction in code)
        {
            switch (instruction.Op)
            {
                case OpCode.Match:
                    break;
                case OpCode.Split:
                    incoming[instruction.Next]++;
                    incoming[instruction.Other]++;
                    break;
                default:
                    incoming[instruction.Next]++;
                    break;
            }
        }

        // Only joins need remembering: an instruction with one way in is tried once per try of its predecessor.
        for (var i = 0; i < code.Length; i++)
        {
            _memo[i] = incoming[i] >= 2 ? _memoCount++ : -1;
        }

        _minLength = root.MinLength;
        (_prefix, _suffix, _inner) = Literals(root);
    }

    /// <summary>Gets the number of reported groups; a match fills two capture slots per group (start, end).</summary>
    public int Groups { get; }

    /// <summary>Gets the number of instructions.</summary>
    public int Length => _code.Length;

    /// <summary>
    /// Compiles <paramref name="pattern"/>, reporting the bounds of the named groups in <paramref name="reported"/>
    /// (in that order); <see langword="null"/> when the pattern leaves the subset <see cref="PatternParser"/> reads.
    /// </summary>
    public static PartProgram? TryCompile(string pattern, IReadOnlyList<string> reported)
    {
        if (PatternParser.TryParse(pattern) is not { } root)
        {
            return null;
        }

        var compiler = new Compiler(reported);
        try
        {
            compiler.Emit(root);
        }
        catch (NotSupportedException)
        {
            return null;
        }

        compiler.Add(new Instruction(OpCode.Match, 0));
        return new PartProgram(compiler.Code.ToArray(), root, reported.Count);
    }

    /// <summary>
    /// Matches the whole program against <c>text[start..end]</c> as <c>Regex.Match(text, start, end - start)</c>
    /// would (anchors and lookbehinds see only that range), filling <paramref name="captures"/> (2 × <see cref="Groups"/>
    /// slots, -1 for a group that took no part) and counting steps on <paramref name="meter"/>.
    /// </summary>
    public bool Match(string text, int start, int end, Span<int> captures, ref MatchMeter meter)
    {
        captures.Fill(-1);
        if (!CouldMatch(text.AsSpan(start, end - start)))
        {
            meter.Add(1);
            return false;
        }

        var width = end - start + 1;
        var words = (((long)_memoCount * width) + 63) / 64;
        var visited = t_visited;
        if (visited is null || visited.Length < words)
        {
            t_visited = visited = new ulong[Math.Max(words, 64)];
        }
        else
        {
            visited.AsSpan(0, (int)words).Clear();
        }

        var stack = t_stack ??= new int[64];
        var top = 0;
        var steps = 0L;
        var found = false;
        stack[top++] = 0;
        stack[top++] = start;
        try
        {
            while (top > 0 && !found)
            {
                var position = stack[--top];
                var pc = stack[--top];
                if (pc < 0)
                {
                    // A capture slot to restore on the way back.
                    captures[~pc] = position;
                    continue;
                }

                while (true)
                {
                    if ((++steps & (MatchMeter.CheckEvery - 1)) == 0)
                    {
                        meter.Add(steps);
                        steps = 0;
                    }

                    var slot = _memo[pc];
                    if (slot >= 0)
                    {
                        var bit = ((long)slot * width) + (position - start);
                        ref var word = ref visited[bit >> 6];
                        var mask = 1UL << (int)(bit & 63);
                        if ((word & mask) != 0)
                        {
                            break;
                        }

                        word |= mask;
                    }

                    ref readonly var instruction = ref _code[pc];
                    switch (instruction.Op)
                    {
                        case OpCode.Char:
                            if (position < end && text[position] == instruction.Char)
                            {
                                position++;
                                pc = instruction.Next;
                                continue;
                            }

                            break;
                        case OpCode.Set:
                            if (position < end && instruction.Set!.Contains(text[position]))
                            {
                                position++;
                                pc = instruction.Next;
                                continue;
                            }

                            break;
                        case OpCode.Split:
                            Push(ref stack, ref top, instruction.Other, position);
                            pc = instruction.Next;
                            continue;
                        case OpCode.Jump:
                            pc = instruction.Next;
                            continue;
                        case OpCode.Save:
                            Push(ref stack, ref top, ~instruction.Other, captures[instruction.Other]);
                            captures[instruction.Other] = position;
                            pc = instruction.Next;
                            continue;
                        case OpCode.Anchor:
                            if (AnchorHolds((AnchorKind)instruction.Flags, text, start, end, position))
                            {
                                pc = instruction.Next;
                                continue;
                            }

                            break;
                        case OpCode.Look:
                            if (LookHolds(instruction, text, start, end, position))
                            {
                                pc = instruction.Next;
                                continue;
                            }

                            break;
                        case OpCode.Match:
                            found = true;
                            break;
                    }

                    break;
                }
            }
        }
        finally
        {
            t_stack = stack;
        }

        meter.Add(steps);
        return found;
    }

    private static void Push(ref int[] stack, ref int top, int pc, int position)
    {
        if (top + 2 > stack.Length)
        {
            Array.Resize(ref stack, stack.Length * 2);
        }

        stack[top++] = pc;
        stack[top++] = position;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool AnchorHolds(AnchorKind kind, string text, int start, int end, int position) => kind switch
    {
        AnchorKind.Start => position == start,
        AnchorKind.End => position == end,
        _ => position == end || (position == end - 1 && text[position] == '\n'),
    };

    private static bool LookHolds(in Instruction instruction, string text, int start, int end, int position)
    {
        var behind = (instruction.Flags & 1) != 0;
        var index = behind ? position - 1 : position;
        var holds = index >= start && index < end && instruction.Set!.Contains(text[index]);
        return holds != ((instruction.Flags & 2) != 0);
    }

    /// <summary>
    /// Checks cheap necessary conditions: the least length, the literal text at a fixed start or end, and the literal
    /// runs every match must contain in order (vectorized searches); most non-matching parts stop here.
    /// </summary>
    public bool CouldMatch(ReadOnlySpan<char> text)
    {
        if (text.Length < _minLength || !text.StartsWith(_prefix, StringComparison.Ordinal) || !text.EndsWith(_suffix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = text[_prefix.Length..^_suffix.Length];
        foreach (var literal in _inner)
        {
            var at = rest.IndexOf(literal, StringComparison.Ordinal);
            if (at < 0)
            {
                return false;
            }

            rest = rest[(at + literal.Length)..];
        }

        return true;
    }

    // The literal runs of the top-level sequence (groups flattened): the one right after \A, the one right before
    // a final \z, and the others in order. Anything not a plain character breaks a run.
    private static (string Prefix, string Suffix, string[] Inner) Literals(PatternNode root)
    {
        var items = new List<PatternNode>();
        Flatten(root, items);
        var runs = new List<(int First, int Last, string Text)>();
        var run = new System.Text.StringBuilder();
        var runStart = -1;
        for (var i = 0; i <= items.Count; i++)
        {
            if (i < items.Count && items[i] is CharNode c)
            {
                if (run.Length == 0)
                {
                    runStart = i;
                }

                run.Append(c.Value);
                continue;
            }

            if (run.Length > 0)
            {
                runs.Add((runStart, i - 1, run.ToString()));
                run.Clear();
            }
        }

        var prefix = "";
        var suffix = "";
        if (runs.Count > 0 && items.Take(runs[0].First).All(item => item is AnchorNode { Kind: AnchorKind.Start }) && runs[0].First > 0)
        {
            prefix = runs[0].Text;
            runs.RemoveAt(0);
        }

        if (runs.Count > 0 && items.Skip(runs[^1].Last + 1) is var after && after.Any() && after.All(item => item is AnchorNode { Kind: AnchorKind.End }))
        {
            suffix = runs[^1].Text;
            runs.RemoveAt(runs.Count - 1);
        }

        return (prefix, suffix, runs.Select(r => r.Text).ToArray());
    }

    private static void Flatten(PatternNode node, List<PatternNode> items)
    {
        switch (node)
        {
            case ConcatNode concat:
                foreach (var item in concat.Items)
                {
                    Flatten(item, items);
                }

                break;
            case GroupNode group:
                Flatten(group.Body, items);
                break;
            default:
                items.Add(node);
                break;
        }
    }

    private sealed class Compiler(IReadOnlyList<string> reported)
    {
        public List<Instruction> Code { get; } = [];

        public int Add(Instruction instruction)
        {
            if (Code.Count >= MaxInstructions)
            {
                throw new NotSupportedException();
            }

            Code.Add(instruction);
            return Code.Count - 1;
        }

        private int Here => Code.Count;

        private void Patch(int at, Instruction instruction) => Code[at] = instruction;

        public void Emit(PatternNode node)
        {
            switch (node)
            {
                case CharNode c:
                    Add(new Instruction(OpCode.Char, Here + 1, Char: c.Value));
                    break;
                case SetNode set:
                    Add(new Instruction(OpCode.Set, Here + 1, Set: set.Set));
                    break;
                case AnchorNode anchor:
                    Add(new Instruction(OpCode.Anchor, Here + 1, Flags: (int)anchor.Kind));
                    break;
                case LookNode look:
                    Add(new Instruction(OpCode.Look, Here + 1, Set: look.Set, Flags: (look.Behind ? 1 : 0) | (look.Negate ? 2 : 0)));
                    break;
                case ConcatNode concat:
                    foreach (var item in concat.Items)
                    {
                        Emit(item);
                    }

                    break;
                case GroupNode group:
                    var index = group.Name is null ? -1 : IndexOf(group.Name);
                    if (index >= 0)
                    {
                        Add(new Instruction(OpCode.Save, Here + 1, Other: 2 * index));
                    }

                    Emit(group.Body);
                    if (index >= 0)
                    {
                        Add(new Instruction(OpCode.Save, Here + 1, Other: (2 * index) + 1));
                    }

                    break;
                case AlternationNode alternation:
                    EmitAlternation(alternation);
                    break;
                case RepeatNode repeat:
                    EmitRepeat(repeat);
                    break;
            }
        }

        private int IndexOf(string name)
        {
            for (var i = 0; i < reported.Count; i++)
            {
                if (reported[i] == name)
                {
                    return i;
                }
            }

            return -1;
        }

        private void EmitAlternation(AlternationNode alternation)
        {
            var jumps = new List<int>();
            for (var i = 0; i < alternation.Options.Count - 1; i++)
            {
                var split = Add(default);
                Emit(alternation.Options[i]);
                jumps.Add(Add(default));
                Patch(split, new Instruction(OpCode.Split, split + 1, Other: Here));
            }

            Emit(alternation.Options[^1]);
            foreach (var jump in jumps)
            {
                Patch(jump, new Instruction(OpCode.Jump, Here));
            }
        }

        // x{n,m}: n copies, then m - n optional ones (each split prefers the copy when greedy, the exit when lazy);
        // x{n,}: n copies, then a loop.
        private void EmitRepeat(RepeatNode repeat)
        {
            for (var i = 0; i < repeat.Min; i++)
            {
                Emit(repeat.Body);
            }

            if (repeat.Max < 0)
            {
                var loop = Add(default);
                Emit(repeat.Body);
                Add(new Instruction(OpCode.Jump, loop));
                Patch(loop, Choice(loop + 1, Here, repeat.Lazy));
                return;
            }

            var splits = new List<int>();
            for (var i = repeat.Min; i < repeat.Max; i++)
            {
                splits.Add(Add(default));
                Emit(repeat.Body);
            }

            foreach (var split in splits)
            {
                Patch(split, Choice(split + 1, Here, repeat.Lazy));
            }
        }

        private static Instruction Choice(int take, int leave, bool lazy) =>
            lazy ? new Instruction(OpCode.Split, leave, Other: take) : new Instruction(OpCode.Split, take, Other: leave);
    }
}
