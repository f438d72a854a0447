using Micro.Templates.Syntax;

namespace Micro.Templates.Runtime;

/// <summary>
/// What template inheritance does at run time: <c>{% extends %}</c> with a computed name or inside <c>{% if %}</c>,
/// blocks and <c>super()</c> through a block table made at run time, and required blocks.
/// </summary>
internal static class Inheritance
{
    /// <summary>Jinja raises this when a template's top level runs a second <c>{% extends %}</c>; checked before the name is evaluated.</summary>
    public static void EnsureNotExtended(RenderContext c)
    {
        if (c.ParentTemplate is not null)
        {
            throw new JinjaRuntimeException("extended multiple times");
        }
    }

    /// <summary><c>{% extends name %}</c> at run time: loads the parent (compiled once, cached by the engine) and appends its blocks.</summary>
    public static void Extend(RenderContext c, object? name) => c.Extend(c.Engine.GetCompiled(ParentName(name)));

    // Jinja hands the value to get_template: a string (or markup) names a template; anything else fails in the loader
    // with Python's own error for the type, where Micro says what the tag needs.
    private static string ParentName(object? name) => name switch
    {
        string s => s,
        Markup m => m.Value,
        Undefined u => throw new JinjaRuntimeException(u.Hint),
        _ => throw new JinjaRuntimeException($"The name in {{% extends %}} must be a string, not {PyOps.TypeName(name)}"),
    };

    /// <summary>
    /// A <c>required</c> block's tag: Jinja fails the render when nothing overrides the block (the block has no
    /// implementation but its own in the context's chain); otherwise renders it as any block.
    /// </summary>
    public static object RequiredBlock(RenderContext c, string name, Frame? scope)
    {
        var count = c.Blocks is { } table ? table.Count(name)
            : c.Current.Program.Blocks.TryGetValue(name, out var chain) ? chain.Count : 0;
        if (count <= 1)
        {
            throw new JinjaRuntimeException($"Required block '{name}' not found");
        }

        return JinjaRuntime.Block(c, name, 0, scope);
    }

    /// <summary>Renders level <paramref name="level"/> of block <paramref name="name"/> from <paramref name="table"/>, in <paramref name="scope"/>.</summary>
    public static object Block(RenderContext c, BlockTable table, string name, int level, Frame scope, Frame root)
    {
        if (!table.TryGet(name, level, out var block))
        {
            throw new JinjaRuntimeException(level > 0 ? $"there is no parent block called '{name}'." : $"no block called '{name}'");
        }

        return c.Invoke(block.Unit, block.Program, root, new BlockCall(scope));
    }

    /// <summary>
    /// <c>super()</c> (a reference past level 0) or <c>self.name()</c> (level 0) with a block table: <c>super()</c>
    /// renders the implementation after the running one in the table, which a parent extended at run time may have
    /// put at any level.
    /// </summary>
    public static object Reference(RenderContext c, BlockTable table, BlockRefExpr reference, Frame frame, Frame root)
    {
        if (reference.Level == 0)
        {
            return Block(c, table, reference.Name, 0, root, root);
        }

        var level = table.LevelAfter(reference.Name, c.Current.Program, reference.Level - 1);
        return Block(c, table, reference.Name, level < 0 ? int.MaxValue : level, frame, root);
    }
}
