namespace Micro.Routing.Matching;

/// <summary>
/// The dynamic parts of one state that match the same text (its segment, or the rest of the path), compiled into one
/// instruction graph whose identical endings are shared (<see cref="SharedProgramCompiler"/>). Each part is still
/// matched on its own, in the state's order and exactly as a backtracking engine would (as <see cref="PartProgram"/>
/// does), but the (instruction, position) pairs tried are remembered across the parts of one visit of the state
/// (<see cref="SharedRun"/>): whether a pair leads to a match, and with which captures after it, does not depend on
/// how it was reached (no backreferences), so a hundred rules that differ only in their literal text try their common
/// ending once, not a hundred times. Loops over one class before literal text jump between the literal's occurrences,
/// found for every literal of the state in one pass (<see cref="LiteralTrie"/>), so a part that cannot reach its
/// literal costs a few steps whatever the length of the text.
/// </summary>
internal sealed class SharedProgram
{
    // A stack entry whose pc carries Resume (GreedyResume) resumes a lazy (greedy) scan at the occurrence its position
    // names; below a greedy one lies a Floor entry holding the lowest position the scan may exit at.
    private const int Resume = 1 << 30;
    private const int GreedyResume = 1 << 29;
    private const int Floor = 1 << 28;

    /// <summary>
    /// The fewest parts matching one text that a state shares a program between. A step of the shared program costs
    /// about twice one of a part's own (it records its way and scans by occurrence), so below this the parts keep their
    /// own programs: at most this many times one part's cost, which the linear bound already covers.
    /// </summary>
    public const int MinParts = 8;

    private readonly Instruction[] _code;
    private readonly int[] _row;
    private readonly int[] _scan;
    private readonly int[] _entries;
    private readonly int[][] _partRows;

    private SharedProgram(SharedProgramCompiler compiler, int[] entries)
    {
        _code = compiler.Code.ToArray();
        _entries = entries;
        Literals = new LiteralTrie(compiler.Literals);
        ScanSets = compiler.ScanSets.ToArray();

        // Only joins need remembering (an instruction with one way in is tried once per try of its predecessor);
        // a part's first instruction counts as a way in. Scans remember the occurrences they tried instead.
        var incoming = new int[_code.Length];
        foreach (var entry in entries)
        {
            incoming[entry]++;
        }

        foreach (var instruction in _code)
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

        _row = new int[_code.Length];
        _scan = new int[_code.Length];
        for (var pc = 0; pc < _code.Length; pc++)
        {
            _row[pc] = incoming[pc] >= 2 && _code[pc].Op is not (OpCode.Match or OpCode.Scan or OpCode.GreedyScan) ? Rows++ : -1;
            _scan[pc] = _code[pc].Op is OpCode.Scan or OpCode.GreedyScan ? Scans++ : -1;
        }

        _partRows = entries.Select(RowsFrom).ToArray();
    }

    /// <summary>Gets the number of memo rows (instructions whose (instruction, position) pairs are remembered).</summary>
    public int Rows { get; }

    /// <summary>Gets the number of scan instructions (each remembers which occurrences of its literal it tried).</summary>
    public int Scans { get; }

    /// <summary>Gets the number of instructions.</summary>
    public int Length => _code.Length;

    /// <summary>Gets the literals the scans look for.</summary>
    public LiteralTrie Literals { get; }

    /// <summary>Gets the classes the scans run over.</summary>
    public CharSet[] ScanSets { get; }

    /// <summary>
    /// Compiles <paramref name="parts"/> (each with the groups it reports), or returns <see langword="null"/> when one
    /// leaves the subset or the whole is too large.
    /// </summary>
    public static SharedProgram? TryCreate(IReadOnlyList<(string Pattern, IReadOnlyList<string> Reported)> parts)
    {
        var compiler = new SharedProgramCompiler();
        var entries = new int[parts.Count];
        try
        {
            for (var i = 0; i < parts.Count; i++)
            {
                if (PatternParser.TryParse(parts[i].Pattern) is not { } root)
                {
                    return null;
                }

                entries[i] = compiler.Add(root, parts[i].Reported);
            }
        }
        catch (NotSupportedException)
        {
            return null;
        }

        return new SharedProgram(compiler, entries);
    }

    /// <summary>
    /// Matches part <paramref name="part"/> against the text of <paramref name="run"/> as <c>Regex.Match(text, start,
    /// end - start)</c> would, filling <paramref name="captures"/> (-1 for a group that took no part) and remembering
    /// what it tried for the next parts of the run. When the search goes past a success, the caller says so
    /// (<see cref="SharedRun.GoPast"/>).
    /// </summary>
    public bool Match(int part, SharedRun run, Span<int> captures, ref MatchMeter meter)
    {
        captures.Fill(-1);
        run.Prepare(_partRows[part], ref meter);
        var start = run.Start;
        var visited = run.Visited;
        var rowBase = run.RowBase;
        var stack = run.Stack;
        var top = 0;
        var steps = 0L;
        var found = false;
        stack[top++] = _entries[part];
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
                    run.Backtrack(top);
                    continue;
                }

                run.Backtrack(top);
                if (pc >= GreedyResume)
                {
                    // A scan's exit failed at one occurrence: try its next one (a greedy scan's floor lies below).
                    var greedy = pc < Resume;
                    pc -= greedy ? GreedyResume : Resume;
                    var floor = 0;
                    if (greedy)
                    {
                        floor = stack[--top];
                        top--;
                        run.Backtrack(top);
                    }

                    var next = greedy
                        ? NextGreedy(run, pc, position, floor, ref stack, ref top, ref meter)
                        : NextLazy(run, pc, position, captures, ref stack, ref top, ref meter, ref found);
                    if (next < 0)
                    {
                        continue;
                    }

                    position = next;
                    pc = _code[pc].Next;
                }

                while (true)
                {
                    if ((++steps & (MatchMeter.CheckEvery - 1)) == 0)
                    {
                        meter.Add(steps);
                        steps = 0;
                    }

                    var row = _row[pc];
                    if (row >= 0)
                    {
                        var bit = ((long)rowBase[row] << 6) + (position - start);
                        ref var word = ref visited[bit >> 6];
                        var mask = 1UL << (int)(bit & 63);
                        if ((word & mask) != 0)
                        {
                            // Tried before: a failure, or on the way of a success the search went past.
                            found = run.HasSuccesses && run.TrySucceed(SharedRun.PairKey | bit, captures, top);
                            break;
                        }

                        word |= mask;
                        run.Reached(SharedRun.PairKey | bit, top);
                    }

                    ref readonly var instruction = ref _code[pc];
                    switch (instruction.Op)
                    {
                        case OpCode.Char:
                            if (position < run.End && run.Text[position] == instruction.Char)
                            {
                                position++;
                                pc = instruction.Next;
                                continue;
                            }

                            break;
                        case OpCode.Set:
                            if (position < run.End && instruction.Set!.Contains(run.Text[position]))
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
                            run.Saved(instruction.Other, position, top);
                            pc = instruction.Next;
                            continue;
                        case OpCode.Anchor:
                            if (AnchorHolds((AnchorKind)instruction.Flags, run.Text, start, run.End, position))
                            {
                                pc = instruction.Next;
                                continue;
                            }

                            break;
                        case OpCode.Look:
                            if (LookHolds(instruction, run.Text, start, run.End, position))
                            {
                                pc = instruction.Next;
                                continue;
                            }

                            break;
                        case OpCode.Scan:
                            {
                                // The loop's exit can only succeed where its literal occurs, and the loop only gets
                                // there if every character before is in its class: go to the first such occurrence.
                                var first = run.FirstOccurrence(instruction.Other, position, ref meter);
                                var next = first < 0 ? -1 : EnterLazy(run, pc, first, position, captures, ref stack, ref top, ref meter, ref found);
                                if (next < 0)
                                {
                                    break;
                                }

                                position = next;
                                pc = instruction.Next;
                                continue;
                            }

                        case OpCode.GreedyScan:
                            {
                                var next = EnterGreedy(run, pc, position, captures, ref stack, ref top, ref meter, ref found);
                                if (next < 0)
                                {
                                    break;
                                }

                                position = next;
                                pc = instruction.Next;
                                continue;
                            }

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
            run.Stack = stack;
        }

        if (found)
        {
            run.Succeeded();
        }

        meter.Add(steps + 1);
        return found;
    }

    // Lazy scan at pc, from `from`, exiting at occurrence `occurrence` (an index into the run's occurrences): reachable
    // when no character outside the class lies between, and not tried by this scan before (if it was, everything from
    // `from` to it was too: a failure, or the way of a success gone past). Returns the exit position or -1.
    private int EnterLazy(SharedRun run, int pc, int occurrence, int from, Span<int> captures, ref int[] stack, ref int top, ref MatchMeter meter, ref bool found)
    {
        ref readonly var scan = ref _code[pc];
        var at = run.Positions[occurrence];
        if (at > from && run.RunEnd(scan.Flags, from, ref meter) < at)
        {
            return -1;
        }

        var key = SharedRun.ScanKey | ((long)_scan[pc] << 32) | (uint)occurrence;
        if (!run.TryMark(_scan[pc], scan.Other, occurrence, ref meter))
        {
            found = run.HasSuccesses && run.TrySucceed(key, captures, top);
            return -1;
        }

        run.Reached(key, top);
        Push(ref stack, ref top, pc + Resume, occurrence + 1);
        return at;
    }

    private int NextLazy(SharedRun run, int pc, int occurrence, Span<int> captures, ref int[] stack, ref int top, ref MatchMeter meter, ref bool found) =>
        occurrence >= run.OccurrencesEnd(_code[pc].Other) ? -1 : EnterLazy(run, pc, occurrence, run.Positions[occurrence - 1], captures, ref stack, ref top, ref meter, ref found);

    // Greedy scan at pc from `from`: the loop runs to the end of its class's run, then exits at the literal's occurrences
    // from the last back. Within one run, the positions it was entered at form a suffix of the run (every entry walks to
    // the end or to an earlier entry), so an entry at or above the lowest one is tried already; below it, the occurrences
    // between the entry and the lowest one are the new exits. Returns the first exit position or -1.
    private int EnterGreedy(SharedRun run, int pc, int from, Span<int> captures, ref int[] stack, ref int top, ref MatchMeter meter, ref bool found)
    {
        ref readonly var scan = ref _code[pc];
        var end = run.RunEnd(scan.Flags, from, ref meter);
        var region = run.Region(SharedRun.RegionKey | ((long)_scan[pc] << 32) | (uint)end);
        var succeeded = run.SucceededAt(region);
        if (succeeded >= 0 && from <= succeeded)
        {
            // A success gone past exited this run there, every later exit having failed: so does this entry.
            run.ApplyTail(region, captures, top);
            found = true;
            return -1;
        }

        ref var low = ref run.Low(region);
        if (from >= low)
        {
            return -1;
        }

        var upper = low == int.MaxValue ? end : low - 1;
        low = from;
        return NextGreedy(run, pc, run.LastOccurrence(scan.Other, upper, ref meter), from, ref stack, ref top, ref meter);
    }

    private int NextGreedy(SharedRun run, int pc, int occurrence, int floor, ref int[] stack, ref int top, ref MatchMeter meter)
    {
        ref readonly var scan = ref _code[pc];
        if (occurrence < 0 || occurrence < run.OccurrencesStart(scan.Other) || run.Positions[occurrence] < floor)
        {
            return -1;
        }

        var at = run.Positions[occurrence];
        Push(ref stack, ref top, Floor, floor);
        Push(ref stack, ref top, pc + GreedyResume, occurrence - 1);
        run.Reached(SharedRun.RegionKey | ((long)_scan[pc] << 32) | (uint)run.RunEnd(scan.Flags, at, ref meter), top, at);
        return at;
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

    // The memo rows a part can reach, so a run prepares only those.
    private int[] RowsFrom(int entry)
    {
        var seen = new HashSet<int>();
        var rows = new List<int>();
        var pending = new Stack<int>([entry]);
        while (pending.TryPop(out var pc))
        {
            if (!seen.Add(pc))
            {
                continue;
            }

            if (_row[pc] >= 0)
            {
                rows.Add(_row[pc]);
            }

            var instruction = _code[pc];
            if (instruction.Op == OpCode.Match)
            {
                continue;
            }

            pending.Push(instruction.Next);
            if (instruction.Op == OpCode.Split)
            {
                pending.Push(instruction.Other);
            }
        }

        return rows.ToArray();
    }
}
