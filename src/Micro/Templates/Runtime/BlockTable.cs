using Micro.Templates.Compilation;

namespace Micro.Templates.Runtime;

/// <summary>
/// Jinja's <c>context.blocks</c> for a template that extends at run time (a computed or conditional
/// <c>{% extends %}</c>): for each block name, its implementations from the most derived template to the base, each
/// with the program it was compiled in. A statically resolved chain needs none: its program's block table is the
/// whole chain.
/// </summary>
internal sealed class BlockTable
{
    private readonly Dictionary<string, List<(ScriptUnit Unit, CompiledTemplate Program)>> _blocks = new(StringComparer.Ordinal);
    private readonly List<CompiledTemplate> _programs = [];

    /// <summary>Starts from <paramref name="program"/>'s blocks (the template and the parents it extends statically).</summary>
    public BlockTable(CompiledTemplate program) => Append(program);

    /// <summary>Adds <paramref name="program"/>'s blocks after those already known (Jinja appends a parent's blocks when it extends).</summary>
    public void Append(CompiledTemplate program)
    {
        _programs.Add(program);
        foreach (var (name, chain) in program.Blocks)
        {
            if (!_blocks.TryGetValue(name, out var list))
            {
                _blocks[name] = list = [];
            }

            foreach (var index in chain)
            {
                list.Add((program.Functions[index], program));
            }
        }
    }

    /// <summary>Whether <paramref name="program"/>'s blocks are part of this table.</summary>
    public bool Holds(CompiledTemplate program) => _programs.Contains(program);

    /// <summary>How many implementations block <paramref name="name"/> has (a required block needs more than its own).</summary>
    public int Count(string name) => _blocks.TryGetValue(name, out var list) ? list.Count : 0;

    /// <summary>Implementation <paramref name="level"/> of block <paramref name="name"/> (0 = the most derived), or false.</summary>
    public bool TryGet(string name, int level, out (ScriptUnit Unit, CompiledTemplate Program) block)
    {
        if (_blocks.TryGetValue(name, out var list) && level < list.Count)
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
        var at = list.FindIndex(b => ReferenceEquals(b.Unit, unit));
        return at < 0 ? -1 : at + 1;
    }
}
