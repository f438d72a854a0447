namespace Micro;

/// <summary>Custom commands, like Flask's <c>@app.cli.command</c>.</summary>
public sealed partial class MicroApp
{
    internal SortedDictionary<string, (Delegate Handler, string? Help)> CustomCommands { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Adds a command run by <c>dotnet run -- <paramref name="name"/> [args...]</c> instead of serving, like Flask's
    /// <c>@app.cli.command</c>; <c>dotnet run -- --help</c> lists it with <c>routes</c> and <c>render</c>. The handler's
    /// parameters are the app's services (a scope is opened for the command), <c>string[]</c> for the arguments after
    /// the name, and <see cref="TextWriter"/> for standard output; it returns nothing, or an <see cref="int"/> exit code
    /// (also as a <see cref="Task"/>). An exception is printed as <c>Error: message</c> with exit code 1.
    /// </summary>
    /// <param name="name">The command, e.g. <c>init-db</c>; not <c>routes</c>, <c>render</c> or an option (<c>--x</c>).</param>
    /// <param name="handler">The command, e.g. <c>(Database db, TextWriter output) =&gt; { db.Init(); output.WriteLine("Initialized the database."); }</c>.</param>
    /// <param name="help">One line for <c>--help</c>.</param>
    public void Command(string name, Delegate handler, string? help = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(handler);
        EnsureOpen($"command '{name}'");
        if (Hosting.Commands.BuiltIn.ContainsKey(name) || name.StartsWith('-') || name.Any(char.IsWhiteSpace))
        {
            throw new ArgumentException($"Command name '{name}' is taken or not a name: use a word such as 'init-db' (not routes, render, or one starting with '-').", nameof(name));
        }

        if (!CustomCommands.TryAdd(name, (handler, help)))
        {
            throw new ArgumentException($"Command '{name}' is already registered.", nameof(name));
        }
    }
}
