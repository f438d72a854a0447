namespace Micro.Templates.Runtime;

/// <summary>Jinja's <c>namespace()</c>: the one object templates may assign attributes to.</summary>
internal sealed class Namespace
{
    /// <summary>The attributes, in assignment order.</summary>
    public Dictionary<string, object?> Values { get; } = new(StringComparer.Ordinal);
}
