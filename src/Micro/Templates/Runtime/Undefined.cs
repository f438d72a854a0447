namespace Micro.Templates.Runtime;

/// <summary>
/// Jinja's default <c>Undefined</c>: prints as nothing, iterates as empty, is falsy, and raises when
/// used as an object (attribute, item or call) with <see cref="Hint"/> as the message.
/// </summary>
internal sealed class Undefined(string hint)
{
    /// <summary>An undefined value with no name.</summary>
    public static readonly Undefined Instance = new("undefined value");

    /// <summary>The message used when the value is used as an object, e.g. <c>'user' is undefined</c>.</summary>
    public string Hint { get; } = hint;

    /// <summary>An undefined variable called <paramref name="name"/>.</summary>
    public static Undefined Named(string name) => new($"'{name}' is undefined");

    /// <summary>Returns the empty string.</summary>
    public override string ToString() => "";
}
