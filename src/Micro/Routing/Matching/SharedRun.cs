using System.Runtime.CompilerServices;

namespace Micro.Routing.Matching;

/// <summary>
/// What a <see cref="SharedProgram"/> remembers during one visit of its state: the (instruction, position) pairs tried,
/// the occurrences of the scans' literals and which of them each scan tried, where each scanned class stops, and — once
/// the search has gone past a part's success — the pairs on that success's way with the captures they lead to, so a
/// later part that reaches one of them succeeds at once. Runs are reused per thread, one per nesting level of the
/// search (a state's visit holds its runs while deeper states are visited), so a search allocates nothing once the
/// thread's runs have grown to the texts it sees.
/// </summary>
internal sealed class SharedRun
{
    /// <summary>The kinds of remembered pairs, in the top bits of a key.</summary>
    public const long PairKey = 1L << 60;

    /// <summary>An occurrence tried by a lazy scan: <c>ScanKey | scan &lt;&lt; 32 | occurrence</c>.</summary>
    public const long ScanKey = 2L << 60;

    /// <summary>A greedy scan's run of its class: <c>RegionKey | scan &lt;&lt; 32 | end of the run</c>.</summary>
    public const long RegionKey = 3L << 60;

    [ThreadStatic]
    private static SharedRun?[]? t_runs;

    [ThreadStatic]
    private static int t_depth;

    private SharedProgram _program = null!;

    // Memo rows are allocated in the arena as a part first needs them, stamped with the visit they belong to.
    private int[] _rowStamp = [];
    private int _arenaTop;
    private int _wordsPerRow;

    // The occurrences of literal l are Positions[_literalStart[l] .. _literalStart[l + 1]), ascending.
    private bool _indexed;
    private int[] _literalStart = [];
    private int[] _pairs = new int[64];

    // Where each scanned class stops: _runEnds[set * width + (p - start)] is the first position from p whose character
    // is not in the class (or the end); built per class when a scan first needs it.
    private int[] _runEnds = [];
    private int[] _runEndStamp = [];

    // Which occurrences each lazy scan has tried: scan s's marks are _marks[_markBase[s] + occurrence], allocated (and
    // cleared) the first time the scan runs in a visit.
    private int[] _marks = new int[64];
    private int[] _markBase = [];
    private int[] _markStamp = [];
    private int _marksTop;

    // Keys (pairs, scanned occurrences, greedy runs) with what is known of them in this visit: for a greedy run the
    // lowest position it was entered at (_low) and the occurrence it succeeded at (_at); for all, the captures a success
    // through them writes (_tails[_tailStart .. _tailEnd), slot and value pairs), -1 when none.
    private long[] _keys = new long[64];
    private int[] _keyStamp = new int[64];
    private int[] _low = new int[64];
    private int[] _at = new int[64];
    private int[] _tailStart = new int[64];
    private int[] _tailEnd = new int[64];
    private int _keyCount;
    private int[] _tails = new int[64];
    private int _tailCount;

    // The way of the part being matched: the pairs (with the stack height they were reached at, so backtracking below
    // that height drops them) and the captures saved, in order.
    private long[] _wayKey = new long[64];
    private int[] _wayTop = new int[64];
    private int[] _waySaves = new int[64];
    private int[] _wayAt = new int[64];
    private int _wayCount;
    private int[] _saves = new int[96];
    private int _saveCount;
    private bool _succeeded;

    private SharedRun()
    {
    }

    public string Text { get; private set; } = "";

    public int Start { get; private set; }

    public int End { get; private set; }

    /// <summary>Gets the visit's stamp: a memo row, a scan's marks or a key counts only if stamped with it.</summary>
    public int Epoch { get; private set; }

    public ulong[] Visited { get; private set; } = new ulong[64];

    /// <summary>Gets the first word of each memo row in <see cref="Visited"/>.</summary>
    public int[] RowBase { get; private set; } = [];

    public int[] Positions { get; private set; } = new int[64];

    public int[] Stack { get; set; } = new int[64];

    /// <summary>Gets whether a success was gone past in this visit (only then can a tried pair be a success).</summary>
    public bool HasSuccesses { get; private set; }

    /// <summary>Takes this thread's run for the next nesting level and starts it on <c>text[start..end]</c>.</summary>
    public static SharedRun Acquire(SharedProgram program, string text, int start, int end)
    {
        var runs = t_runs ??= new SharedRun?[8];
        if (t_depth == runs.Length)
        {
            Array.Resize(ref runs, runs.Length * 2);
            t_runs = runs;
        }

        var run = runs[t_depth] ??= new SharedRun();
        t_depth++;
        run.Begin(program, text, start, end);
        return run;
    }

    /// <summary>Gives back the run of the deepest nesting level.</summary>
    public static void Release() => t_depth--;

    /// <summary>
    /// Makes sure the memo rows a part can reach belong to this visit (clearing the ones that do not) and starts
    /// recording the part's way.
    /// </summary>
    public void Prepare(int[] rows, ref MatchMeter meter)
    {
        _wayCount = 0;
        _saveCount = 0;
        _succeeded = false;
        var epoch = Epoch;
        foreach (var row in rows)
        {
            if (_rowStamp[row] == epoch)
            {
                continue;
            }

            _rowStamp[row] = epoch;
            if (_arenaTop + _wordsPerRow > Visited.Length)
            {
                var visited = Visited;
                Array.Resize(ref visited, Math.Max(visited.Length * 2, _arenaTop + _wordsPerRow));
                Visited = visited;
            }

            RowBase[row] = _arenaTop;
            Visited.AsSpan(_arenaTop, _wordsPerRow).Clear();
            _arenaTop += _wordsPerRow;
        }

        meter.Add(rows.Length);
    }

    /// <summary>Records that the part reached <paramref name="key"/> (at stack height <paramref name="top"/>; for a greedy run, exiting at <paramref name="at"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Reached(long key, int top, int at = 0)
    {
        if (_wayCount == _wayKey.Length)
        {
            var size = _wayCount * 2;
            Array.Resize(ref _wayKey, size);
            Array.Resize(ref _wayTop, size);
            Array.Resize(ref _waySaves, size);
            Array.Resize(ref _wayAt, size);
        }

        _wayKey[_wayCount] = key;
        _wayTop[_wayCount] = top;
        _waySaves[_wayCount] = _saveCount;
        _wayAt[_wayCount++] = at;
    }

    /// <summary>Records a capture saved (undone when the stack drops below <paramref name="top"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Saved(int slot, int value, int top)
    {
        if (3 * (_saveCount + 1) > _saves.Length)
        {
            Array.Resize(ref _saves, _saves.Length * 2);
        }

        _saves[3 * _saveCount] = slot;
        _saves[(3 * _saveCount) + 1] = value;
        _saves[(3 * _saveCount) + 2] = top;
        _saveCount++;
    }

    /// <summary>Backtracking to stack height <paramref name="top"/>: what was reached above it failed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Backtrack(int top)
    {
        while (_wayCount > 0 && _wayTop[_wayCount - 1] > top)
        {
            _wayCount--;
        }

        while (_saveCount > 0 && _saves[(3 * _saveCount) - 1] > top)
        {
            _saveCount--;
        }
    }

    /// <summary>The part matched (its way is what <see cref="GoPast"/> keeps).</summary>
    public void Succeeded() => _succeeded = true;

    /// <summary>
    /// The search goes past the last part's success: every pair on its way leads to that success, with the captures
    /// saved after it. Remember them so a later part that reaches one succeeds with them instead of failing there.
    /// </summary>
    public void GoPast()
    {
        if (!_succeeded)
        {
            return;
        }

        _succeeded = false;
        HasSuccesses = true;
        var start = _tailCount;
        EnsureTails(2 * _saveCount);
        for (var i = 0; i < _saveCount; i++)
        {
            _tails[_tailCount++] = _saves[3 * i];
            _tails[_tailCount++] = _saves[(3 * i) + 1];
        }

        for (var w = 0; w < _wayCount; w++)
        {
            var slot = Find(_wayKey[w], insert: true);
            _tailStart[slot] = start + (2 * _waySaves[w]);
            _tailEnd[slot] = _tailCount;
            _at[slot] = _wayAt[w];
        }

        _wayCount = 0;
        _saveCount = 0;
    }

    /// <summary>
    /// When <paramref name="key"/> is on the way of a success gone past, writes the captures that success saved after it
    /// into <paramref name="captures"/> (recording them for this part's way) and returns true.
    /// </summary>
    public bool TrySucceed(long key, Span<int> captures, int top)
    {
        var slot = Find(key, insert: false);
        if (slot < 0 || _tailStart[slot] < 0)
        {
            return false;
        }

        ApplyTail(slot, captures, top);
        return true;
    }

    /// <summary>Gets the slot of greedy run <paramref name="key"/> (created on first use).</summary>
    public int Region(long key) => Find(key, insert: true);

    /// <summary>Gets or sets the lowest position the greedy run was entered at (int.MaxValue when never).</summary>
    public ref int Low(int slot) => ref _low[slot];

    /// <summary>Gets the occurrence position a greedy run succeeded at, or -1.</summary>
    public int SucceededAt(int slot) => _tailStart[slot] < 0 ? -1 : _at[slot];

    /// <summary>Writes the captures of the success through <paramref name="slot"/>.</summary>
    public void ApplyTail(int slot, Span<int> captures, int top)
    {
        for (var i = _tailStart[slot]; i < _tailEnd[slot]; i += 2)
        {
            captures[_tails[i]] = _tails[i + 1];
            Saved(_tails[i], _tails[i + 1], top);
        }
    }

    /// <summary>Gets the index of the first occurrence of <paramref name="literal"/> at or after <paramref name="position"/>, or -1.</summary>
    public int FirstOccurrence(int literal, int position, ref MatchMeter meter)
    {
        if (!_indexed)
        {
            Index(ref meter);
        }

        var from = _literalStart[literal];
        var to = _literalStart[literal + 1];
        var at = Positions.AsSpan(from, to - from).BinarySearch(position);
        at = at < 0 ? ~at : at;
        return from + at < to ? from + at : -1;
    }

    /// <summary>Gets the index of the last occurrence of <paramref name="literal"/> at or before <paramref name="position"/>, or -1.</summary>
    public int LastOccurrence(int literal, int position, ref MatchMeter meter)
    {
        if (!_indexed)
        {
            Index(ref meter);
        }

        var from = _literalStart[literal];
        var to = _literalStart[literal + 1];
        var at = Positions.AsSpan(from, to - from).BinarySearch(position + 1);
        at = (at < 0 ? ~at : at) - 1;
        return at >= 0 ? from + at : -1;
    }

    /// <summary>Gets the start (inclusive) of the occurrences of <paramref name="literal"/>.</summary>
    public int OccurrencesStart(int literal) => _literalStart[literal];

    /// <summary>Gets the end (exclusive) of the occurrences of <paramref name="literal"/>.</summary>
    public int OccurrencesEnd(int literal) => _literalStart[literal + 1];

    /// <summary>Gets the first position from <paramref name="position"/> whose character is not in scanned class <paramref name="set"/>, or the end.</summary>
    public int RunEnd(int set, int position, ref MatchMeter meter)
    {
        var width = End - Start + 1;
        if (_runEndStamp[set] != Epoch)
        {
            _runEndStamp[set] = Epoch;
            var chars = _program.ScanSets[set];
            var ends = _runEnds.AsSpan(set * width, width);
            ends[^1] = End;
            for (var i = End - 1; i >= Start; i--)
            {
                ends[i - Start] = chars.Contains(Text[i]) ? ends[i - Start + 1] : i;
            }

            meter.Add(width);
        }

        return _runEnds[(set * width) + (position - Start)];
    }

    /// <summary>
    /// Marks occurrence <paramref name="occurrence"/> (of <paramref name="literal"/>) as tried by lazy scan <paramref name="scan"/>;
    /// false when it already was.
    /// </summary>
    public bool TryMark(int scan, int literal, int occurrence, ref MatchMeter meter)
    {
        if (_markStamp[scan] != Epoch)
        {
            var from = _literalStart[literal];
            var count = _literalStart[literal + 1] - from;
            if (_marksTop + count > _marks.Length)
            {
                Array.Resize(ref _marks, Math.Max(_marks.Length * 2, _marksTop + count));
            }

            _markStamp[scan] = Epoch;
            _markBase[scan] = _marksTop - from;
            _marks.AsSpan(_marksTop, count).Clear();
            _marksTop += count;
            meter.Add(count);
        }

        ref var mark = ref _marks[_markBase[scan] + occurrence];
        if (mark != 0)
        {
            return false;
        }

        mark = 1;
        return true;
    }

    private void Begin(SharedProgram program, string text, int start, int end)
    {
        _program = program;
        Text = text;
        Start = start;
        End = end;
        if (Epoch == int.MaxValue)
        {
            // Stamps from before the wrap could look current: forget them all.
            Array.Clear(_rowStamp);
            Array.Clear(_markStamp);
            Array.Clear(_runEndStamp);
            Array.Clear(_keyStamp);
            Epoch = 0;
        }

        Epoch++;
        _arenaTop = 0;
        _marksTop = 0;
        _keyCount = 0;
        _tailCount = 0;
        _wayCount = 0;
        _saveCount = 0;
        _succeeded = false;
        HasSuccesses = false;
        _indexed = false;
        _wordsPerRow = (end - start + 1 + 63) / 64;
        if (_rowStamp.Length < program.Rows)
        {
            _rowStamp = new int[program.Rows];
            RowBase = new int[program.Rows];
        }

        if (_markStamp.Length < program.Scans)
        {
            _markStamp = new int[program.Scans];
            _markBase = new int[program.Scans];
        }

        var sets = program.ScanSets.Length;
        if (sets > 0)
        {
            if (_runEndStamp.Length < sets)
            {
                _runEndStamp = new int[sets];
            }

            var width = end - start + 1;
            if (_runEnds.Length < (long)sets * width)
            {
                _runEnds = new int[sets * width];
            }
        }
    }

    // Open addressing over keys stamped with the visit: a slot stamped earlier is empty, so a visit clears nothing.
    private int Find(long key, bool insert)
    {
        if (insert && 2 * (_keyCount + 1) > _keys.Length)
        {
            Grow();
        }

        var mask = _keys.Length - 1;
        var slot = (int)(((ulong)key * 0x9E3779B97F4A7C15UL) >> 40) & mask;
        while (_keyStamp[slot] == Epoch)
        {
            if (_keys[slot] == key)
            {
                return slot;
            }

            slot = (slot + 1) & mask;
        }

        if (!insert)
        {
            return -1;
        }

        _keyCount++;
        _keyStamp[slot] = Epoch;
        _keys[slot] = key;
        _low[slot] = int.MaxValue;
        _at[slot] = -1;
        _tailStart[slot] = -1;
        _tailEnd[slot] = -1;
        return slot;
    }

    private void Grow()
    {
        var (keys, stamps, low, at, starts, ends) = (_keys, _keyStamp, _low, _at, _tailStart, _tailEnd);
        var size = keys.Length * 2;
        (_keys, _keyStamp, _low, _at, _tailStart, _tailEnd) = (new long[size], new int[size], new int[size], new int[size], new int[size], new int[size]);
        _keyCount = 0;
        for (var i = 0; i < keys.Length; i++)
        {
            if (stamps[i] == Epoch)
            {
                var slot = Find(keys[i], insert: true);
                (_low[slot], _at[slot], _tailStart[slot], _tailEnd[slot]) = (low[i], at[i], starts[i], ends[i]);
            }
        }
    }

    private void EnsureTails(int more)
    {
        if (_tailCount + more > _tails.Length)
        {
            Array.Resize(ref _tails, Math.Max(_tails.Length * 2, _tailCount + more));
        }
    }

    // One pass of the literal trie over the text: every occurrence of every literal, then grouped by literal
    // (a counting sort, so each literal's positions stay ascending).
    private void Index(ref MatchMeter meter)
    {
        _indexed = true;
        var literals = _program.Literals;
        var sink = new PairSink(this);
        var read = 0L;
        for (var at = Start; at < End; at++)
        {
            read += literals.At(Text, at, End, ref sink);
        }

        meter.Add(read + 1);
        if (_literalStart.Length < literals.Count + 1)
        {
            _literalStart = new int[literals.Count + 1];
        }

        var starts = _literalStart.AsSpan(0, literals.Count + 1);
        starts.Clear();
        for (var i = 0; i < sink.Count; i++)
        {
            starts[_pairs[2 * i] + 1]++;
        }

        for (var l = 1; l < starts.Length; l++)
        {
            starts[l] += starts[l - 1];
        }

        if (Positions.Length < sink.Count)
        {
            Positions = new int[sink.Count];
        }

        // Fill by literal; starts[l] walks forward and ends at the start of l + 1, so shift back afterwards.
        for (var i = 0; i < sink.Count; i++)
        {
            Positions[starts[_pairs[2 * i]]++] = _pairs[(2 * i) + 1];
        }

        for (var l = starts.Length - 1; l > 0; l--)
        {
            starts[l] = starts[l - 1];
        }

        starts[0] = 0;
        meter.Add(sink.Count + literals.Count);
    }

    private struct PairSink(SharedRun run) : IOccurrenceSink
    {
        public int Count;

        public void Add(int literal, int position)
        {
            if (2 * (Count + 1) > run._pairs.Length)
            {
                Array.Resize(ref run._pairs, run._pairs.Length * 2);
            }

            run._pairs[2 * Count] = literal;
            run._pairs[(2 * Count) + 1] = position;
            Count++;
        }
    }
}
