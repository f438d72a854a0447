using System.Runtime.CompilerServices;
using Micro.Templates.Compilation;

namespace Micro.Templates.Runtime;

/// <summary>
/// Jinja's <c>context.blocks</c> for a template that extends at run time (a computed or conditional
/// <c>{% extends %}</c>): for each block name, its implementations from the most derived template to the base, each
/// with the program it was compiled in. A statically resolved chain needs none: its program's block table is the
/// whole chain.
/// </summary>
/// <remarks>
/// Immutable, and made once per chain: a template's table is made on first use (<see cref="CompiledTemplate.RunTimeBlocks"/>),
/// and the table of that chain extended by a parent is kept with it, weakly keyed by the parent's compiled template
/// (it goes when the engine drops that template). A render that extends at run time allocates no table.
/// </remarks>
internal sealed class BlockTable
{
    private readonly Dictionary<string, (ScriptUnit Unit, CompiledTemplate Program)[]> _blocks;
    private readonly CompiledTemplate[] _programs;
    private readonly ConditionalWeakTable<CompiledTemplate, BlockTable> _extended = [];
    private readonly ConditionalWeakTable<CompiledTemplate, BlockTable> _entered = [];

    /// <summary>The table of <paramref name="program"/> alone (its own chain, resolved when it compiled).</summary>
    public BlockTable(CompiledTemplate program)
        : this(new Dictionary<string, (ScriptUnit, CompiledTemplate)[]>(StringComparer.Ordinal), [], program, own: null)
    {
    }

    // This table's blocks followed by those of `added`: all of them, or only those written in it (own: true) or only
    // those of the parents compiled into it (own: false).
    private BlockTable(Dictionary<string, (ScriptUnit Unit, CompiledTemplate Program)[]> blocks, CompiledTemplate[] programs, CompiledTemplate added, bool? own)
    {
        _blocks = new Dictionary<string, (ScriptUnit, CompiledTemplate)[]>(blocks, StringComparer.Ordinal);
        foreach (var (name, chain) in added.Blocks)
        {
            var more = chain.Select(index => (added.Functions[index], added)).Where(b => own is null || (b.Item1.Template == added.Name) == own).ToArray();
            if (more.Length > 0)
            {
                _blocks[name] = [.. _blocks.TryGetValue(name, out var known) ? known : [], .. more];
            }
        }

        _programs = programs.Contains(added) ? programs : [.. programs, added];
    }

    /// <summary>
    /// This table after <c>{% extends %}</c> names <paramref name="parent"/>: followed by the blocks written in the
    /// parent itself (Jinja appends the parent's own blocks; its parents' come when its page runs). Made once per parent.
    /// </summary>
    public BlockTable ExtendedBy(CompiledTemplate parent) =>
        _extended.TryGetValue(parent, out var table) ? table : _extended.GetValue(parent, p => new BlockTable(_blocks, _programs, p, own: true));

    /// <summary>
    /// This table when <paramref name="parent"/>'s page starts: followed by the blocks of the parents compiled into it
    /// (whose top levels render no block, so nothing sees them earlier). Made once per parent.
    /// </summary>
    public BlockTable EnteringPageOf(CompiledTemplate parent) =>
        _entered.TryGetValue(parent, out var table) ? table : _entered.GetValue(parent, p => new BlockTable(_blocks, _programs, p, own: false));

    /// <summary>Whether <paramref name="program"/>'s blocks are part of this table.</summary>
    public bool Holds(CompiledTemplate program) => Array.IndexOf(_programs, program) >= 0;

    /// <summary>How many implementations block <paramref name="name"/> has (a required block needs more than its own).</summary>
    public int Count(string name) => _blocks.TryGetValue(name, out var list) ? list.Length : 0;

    /// <summary>Implementation <paramref name="level"/> of block <paramref name="name"/> (0 = the most derived), or false.</summary>
    public bool TryGet(string name, int level, out (ScriptUnit Unit, CompiledTemplate Program) block)
    {
        if (_blocks.TryGetValue(name, out var list) && level < list.Length)
        {
            block = list[level];
            return true;
        }

        block = default;
        return false;
    }

    /// <summary>
    /// The level <c>super()</c> renders from the implementation at <paramref name="level"/> of <paramref name="program"/>'s
    /// own chain: the one after it here (Jinja's <c>Context.super</c>), or -1 when it is not in the table.
    /// </summary>
    public int LevelAfter(string name, CompiledTemplate program, int level)
    {
        if (!program.Blocks.TryGetValue(name, out var own) || level >= own.Count || !_blocks.TryGetValue(name, out var list))
        {
            return -1;
        }

        var unit = program.Functions[own[level]];
        for (var i = 0; i < list.Length; i++)
        {
            if (ReferenceEquals(list[i].Unit, unit))
            {
                return i + 1;
            }
        }

        return -1;
    }
}
