namespace Micro.Templates.Compilation;

/// <summary>
/// A Jinja template compiled to a Scriban syntax tree, with its inheritance chain resolved: the main page, the
/// function units, the block table, and what the loader and the output cache need to know.
/// </summary>
internal sealed class CompiledTemplate
{
    private static long s_nextId;

    /// <summary>A process-unique id, used to key the output cache.</summary>
    public long Id { get; } = Interlocked.Increment(ref s_nextId);

    /// <summary>The template name.</summary>
    public required string Name { get; init; }

    /// <summary>Whether autoescape is on at the start of a render (the template's name decides, as Flask configures Jinja).</summary>
    public bool Autoescape { get; init; }

    /// <summary>
    /// The main body: the top level of each template of the chain resolved when compiling, from the child to the root
    /// layout (what a child runs before and after its <c>{% extends %}</c>, then its parent's page); the last one wrapped
    /// to extend at run time when its <c>{% extends %}</c> is computed or conditional.
    /// </summary>
    public Scriban.Syntax.ScriptPage Main { get; set; } = null!;

    /// <summary>Blocks, macros, callers and recursive loops, by index.</summary>
    public List<ScriptUnit> Functions { get; } = [];

    /// <summary>For each block name, its implementations from the most derived template to the base.</summary>
    public Dictionary<string, List<int>> Blocks { get; } = new(StringComparer.Ordinal);

    /// <summary>Files this compilation read (the template and its ancestors) with their timestamps.</summary>
    public List<(string Path, DateTime Stamp)> Files { get; } = [];

    /// <summary>Templates included or imported by a constant name.</summary>
    public HashSet<string> StaticReferences { get; } = new(StringComparer.Ordinal);

    /// <summary>Every variable name read anywhere in the template (an over-approximation of its free names).</summary>
    public HashSet<string> Names { get; } = new(StringComparer.Ordinal);

    /// <summary>Filters used by name.</summary>
    public HashSet<string> Filters { get; } = new(StringComparer.Ordinal);

    /// <summary>Tests used by name (<c>is sameas</c> keeps a template out of the output cache).</summary>
    public HashSet<string> Tests { get; } = new(StringComparer.Ordinal);

    /// <summary>True when an include, import or extends uses a computed name, so the dependencies are not known statically.</summary>
    public bool HasDynamicReferences { get; set; }

    /// <summary>
    /// The block table a render starts from when this template's page extends at run time (see <see cref="Runtime.BlockTable"/>);
    /// made on first use, shared by every render.
    /// </summary>
    public Runtime.BlockTable RunTimeBlocks
    {
        get
        {
            if (_runTimeBlocks is null)
            {
                Interlocked.CompareExchange(ref _runTimeBlocks, new Runtime.BlockTable(this), null);
            }

            return _runTimeBlocks;
        }
    }

    private Runtime.BlockTable? _runTimeBlocks;
}
