namespace Micro.Templates.Runtime;

/// <summary>A <c>{% break %}</c> or <c>{% continue %}</c> on its way to the loop it leaves (see <see cref="RenderContext.Flow"/>).</summary>
internal enum LoopFlow
{
    /// <summary>Statements run on.</summary>
    None,

    /// <summary>Leave the loop.</summary>
    Break,

    /// <summary>Go on with the loop's next item.</summary>
    Continue,
}
