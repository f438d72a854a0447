namespace Micro.Templates;

/// <summary>
/// A function templates can call, registered with <see cref="TemplateEngine.AddGlobal"/> or passed per
/// render: <c>{{ url_for('user', id=3) }}</c> calls it with <c>["user"]</c> and <c>{ id: 3 }</c>.
/// </summary>
/// <param name="args">Positional arguments (integers arrive as <see cref="long"/>, floats as <see cref="double"/>).</param>
/// <param name="kwargs">Keyword arguments.</param>
/// <returns>The value; return a <see cref="Markup"/> to insert HTML.</returns>
public delegate object? TemplateFunction(IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs);
