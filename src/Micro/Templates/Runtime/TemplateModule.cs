namespace Micro.Templates.Runtime;

/// <summary>What <c>{% import %}</c> returns: the macros and top-level variables a template exports.</summary>
internal sealed class TemplateModule(string name, Frame root)
{
    /// <summary>The imported template's name.</summary>
    public string Name { get; } = name;

    public bool TryGet(string member, out object? value)
    {
        if (!member.StartsWith('_') && root.HasOwn(member))
        {
            value = root.Get(member);
            return true;
        }

        value = null;
        return false;
    }
}
