using System.Globalization;
using System.Text;

namespace Micro.Routing.Matching;

/// <summary>
/// Compiles the parts of one state into one instruction graph, back to front (each node is emitted knowing what
/// follows it), sharing every instruction that is identical to one already emitted: parts that end alike — the
/// same converters after different literal text — end in the same instructions, so a failure found through one
/// part is remembered for all of them. A loop over one character class followed by literal text becomes a
/// <see cref="OpCode.Scan"/> (lazy) or <see cref="OpCode.GreedyScan"/>, which goes straight to the literal's
/// occurrences instead of trying every position.
/// </summary>
internal sealed class SharedProgramCompiler
{
    /// <summary>The largest combined program; a state whose parts need more keeps one program per part.</summary>
    public const int MaxInstructions = 1 << 22;

    // The longest literal a scan looks for: longer ones are cut (a prefix of the literal is still necessary).
    private const int MaxLiteral = 64;

    private readonly Dictionary<Instruction, int> _interned = [];
    private readonly Dictionary<(string Key, int Next), int> _loops = [];
    private readonly Dictionary<CharSet, int> _setIds = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, int> _literalIds = new(StringComparer.Ordinal);
    private IReadOnlyList<string> _reported = [];

    public List<Instruction> Code { get; } = [];

    /// <summary>Gets the literals the scans look for, by id.</summary>
    public List<string> Literals { get; } = [];

    /// <summary>Gets the character classes the scans run over, by the index in their <see cref="Instruction.Flags"/>.</summary>
    public List<CharSet> ScanSets { get; } = [];

    /// <summary>Adds a part, reporting the bounds of <paramref name="reported"/>; returns its first instruction.</summary>
    public int Add(PatternNode root, IReadOnlyList<string> reported)
    {
        _reported = reported;
        return Emit(root, Intern(new Instruction(OpCode.Match, 0)));
    }

    private int Intern(Instruction instruction)
    {
        if (_interned.TryGetValue(instruction, out var at))
        {
            return at;
        }

        at = Append(instruction);
        _interned[instruction] = at;
        return at;
    }

    private int Append(Instruction instruction)
    {
        if (Code.Count >= MaxInstructions)
        {
            throw new NotSupportedException();
        }

        Code.Add(instruction);
        return Code.Count - 1;
    }

    private int Emit(PatternNode node, int next)
    {
        switch (node)
        {
            case CharNode c:
                return Intern(new Instruction(OpCode.Char, next, Char: c.Value));
            case SetNode set:
                return Intern(new Instruction(OpCode.Set, next, Set: set.Set));
            case AnchorNode anchor:
                return Intern(new Instruction(OpCode.Anchor, next, Flags: (int)anchor.Kind));
            case LookNode look:
                return Intern(new Instruction(OpCode.Look, next, Set: look.Set, Flags: (look.Behind ? 1 : 0) | (look.Negate ? 2 : 0)));
            case ConcatNode concat:
                for (var i = concat.Items.Count - 1; i >= 0; i--)
                {
                    next = Emit(concat.Items[i], next);
                }

                return next;
            case GroupNode group:
                var index = group.Name is null ? -1 : IndexOf(group.Name);
                if (index < 0)
                {
                    return Emit(group.Body, next);
                }

                next = Intern(new Instruction(OpCode.Save, next, Other: (2 * index) + 1));
                next = Emit(group.Body, next);
                return Intern(new Instruction(OpCode.Save, next, Other: 2 * index));
            case AlternationNode alternation:
                // Split(option i, the rest): option i first, as a backtracking engine tries them.
                var rest = Emit(alternation.Options[^1], next);
                for (var i = alternation.Options.Count - 2; i >= 0; i--)
                {
                    var option = Emit(alternation.Options[i], next);
                    rest = Intern(new Instruction(OpCode.Split, option, Other: rest));
                }

                return rest;
            case RepeatNode repeat:
                return EmitRepeat(repeat, next);
            default:
                throw new NotSupportedException();
        }
    }

    // x{n,m}: n copies, then m - n nested optional ones, x(x(x)?)? (each split prefers the copy when greedy, the
    // exit when lazy); x{n,}: n copies, then a loop.
    private int EmitRepeat(RepeatNode repeat, int next)
    {
        int entry;
        if (repeat.Max < 0)
        {
            entry = EmitLoop(repeat, next);
        }
        else
        {
            entry = next;
            for (var i = repeat.Min; i < repeat.Max; i++)
            {
                var take = Emit(repeat.Body, entry);
                entry = Intern(Choice(take, next, repeat.Lazy));
            }
        }

        for (var i = 0; i < repeat.Min; i++)
        {
            entry = Emit(repeat.Body, entry);
        }

        return entry;
    }

    private int EmitLoop(RepeatNode repeat, int next)
    {
        if (repeat.Body is SetNode body && LiteralAt(next) is { } literal)
        {
            var op = repeat.Lazy ? OpCode.Scan : OpCode.GreedyScan;
            return Intern(new Instruction(op, next, Other: LiteralId(literal), Set: body.Set, Flags: ScanSet(body.Set)));
        }

        // The same loop before the same continuation is the same instructions: one copy, shared.
        var key = (Key(new RepeatNode(repeat.Body, 0, -1, repeat.Lazy)), next);
        if (_loops.TryGetValue(key, out var existing))
        {
            return existing;
        }

        // A placeholder until the body is compiled (not a Char: LiteralAt reads through the body's end to here).
        var split = Append(new Instruction(OpCode.Split, 0));
        var take = Emit(repeat.Body, split);
        Code[split] = Choice(take, next, repeat.Lazy);
        _loops[key] = split;
        return split;
    }

    // The literal text every match must read first from the instruction on (captures may be saved before it).
    private string? LiteralAt(int pc)
    {
        while (Code[pc].Op == OpCode.Save)
        {
            pc = Code[pc].Next;
        }

        var text = new StringBuilder();
        while (Code[pc].Op == OpCode.Char && text.Length < MaxLiteral)
        {
            text.Append(Code[pc].Char);
            pc = Code[pc].Next;
        }

        return text.Length == 0 ? null : text.ToString();
    }

    private int LiteralId(string literal)
    {
        if (!_literalIds.TryGetValue(literal, out var id))
        {
            id = Literals.Count;
            Literals.Add(literal);
            _literalIds[literal] = id;
        }

        return id;
    }

    private int ScanSet(CharSet set)
    {
        var index = ScanSets.IndexOf(set);
        if (index < 0)
        {
            index = ScanSets.Count;
            ScanSets.Add(set);
        }

        return index;
    }

    private int IndexOf(string name)
    {
        for (var i = 0; i < _reported.Count; i++)
        {
            if (_reported[i] == name)
            {
                return i;
            }
        }

        return -1;
    }

    private static Instruction Choice(int take, int leave, bool lazy) =>
        lazy ? new Instruction(OpCode.Split, leave, Other: take) : new Instruction(OpCode.Split, take, Other: leave);

    // A text that is equal for two nodes exactly when they compile to the same instructions (groups by the slot
    // they report in, classes by identity: CharSet interns them by their text).
    private string Key(PatternNode node)
    {
        var builder = new StringBuilder();
        Write(node, builder);
        return builder.ToString();
    }

    private void Write(PatternNode node, StringBuilder builder)
    {
        switch (node)
        {
            case CharNode c:
                builder.Append('c').Append((int)c.Value).Append(';');
                break;
            case SetNode set:
                builder.Append('s').Append(SetId(set.Set)).Append(';');
                break;
            case AnchorNode anchor:
                builder.Append('a').Append((int)anchor.Kind).Append(';');
                break;
            case LookNode look:
                builder.Append('l').Append(SetId(look.Set)).Append(look.Behind ? 'b' : 'f').Append(look.Negate ? 'n' : 'p').Append(';');
                break;
            case ConcatNode concat:
                builder.Append('(');
                foreach (var item in concat.Items)
                {
                    Write(item, builder);
                }

                builder.Append(')');
                break;
            case AlternationNode alternation:
                builder.Append('[');
                foreach (var option in alternation.Options)
                {
                    Write(option, builder);
                    builder.Append('|');
                }

                builder.Append(']');
                break;
            case RepeatNode repeat:
                builder.Append('{');
                Write(repeat.Body, builder);
                builder.Append(repeat.Min.ToString(CultureInfo.InvariantCulture)).Append(',').Append(repeat.Max.ToString(CultureInfo.InvariantCulture)).Append(repeat.Lazy ? '?' : '!').Append('}');
                break;
            case GroupNode group:
                builder.Append('g').Append((group.Name is null ? -1 : IndexOf(group.Name)).ToString(CultureInfo.InvariantCulture)).Append('<');
                Write(group.Body, builder);
                builder.Append('>');
                break;
        }
    }

    private int SetId(CharSet set)
    {
        if (!_setIds.TryGetValue(set, out var id))
        {
            id = _setIds.Count;
            _setIds[set] = id;
        }

        return id;
    }
}
