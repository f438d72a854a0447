using System.Runtime.CompilerServices;

namespace Micro.Templates.Runtime;

/// <summary>
/// Keeps every recursive path of compiling and rendering a template off the end of the stack. .NET cannot catch a
/// <see cref="StackOverflowException"/>: the process dies with every request in flight. Jinja raises
/// <c>RecursionError</c> instead, which fails one render; so does Micro, with a <see cref="TemplateException"/>.
/// </summary>
/// <remarks>
/// <para>Two kinds of guard. Fixed limits, checked when a template is parsed or data is walked, give the same
/// answer on every thread: tags nest at most <see cref="MaxNesting"/> deep, an expression tree (operators, filters,
/// brackets, attribute and call chains, left- or right-deep) at most <see cref="MaxExpressionDepth"/>, and
/// lists and dicts are compared, sorted or printed at most <see cref="MaxDataDepth"/> deep. The stack check
/// (<see cref="HasRoom"/>: at least ~128 KB left) covers what the limits cannot: macros and includes calling each
/// other with deep expressions at every level, a thread with a small stack, a template compiled in the middle
/// of a deep render. Recursive walkers check it on every step where that is cheap, and every few levels where
/// it is not (the expression evaluator, the statements of a unit).</para>
/// </remarks>
internal static class StackGuard
{
    /// <summary>The deepest nesting of tags (<c>if</c>, <c>for</c>, <c>macro</c>, <c>set</c> blocks, ...) a template may have.</summary>
    public const int MaxNesting = 250;

    /// <summary>The deepest expression tree a template may have: <c>1+1+…</c> with this many terms, this many nested brackets, ...</summary>
    public const int MaxExpressionDepth = 500;

    /// <summary>The deepest lists and dicts (inside one another) that comparing, sorting, printing or <c>tojson</c> walk.</summary>
    public const int MaxDataDepth = 1000;

    /// <summary>How many levels of a recursive walker may run between two stack checks where a check per level would cost.</summary>
    public const int CheckEvery = 8;

    /// <summary>The start of every error these guards raise, as in Python's <c>RecursionError</c>.</summary>
    public const string Exceeded = "maximum recursion depth exceeded";

    /// <summary>True while enough stack is left to go on (about 128 KB); false means stop and fail the render.</summary>
    public static bool HasRoom() => RuntimeHelpers.TryEnsureSufficientExecutionStack();

    /// <summary>Throws a runtime error (positioned in the template by its caller) when the stack is nearly exhausted.</summary>
    /// <param name="what">What is too deep, for the message, e.g. "the data compared".</param>
    public static void Ensure(string what)
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new JinjaRuntimeException($"{Exceeded}: {what} is nested too deeply.");
        }
    }

    /// <summary>
    /// The reason to report for an unexpected exception from a template's code: Scriban's own stack checks throw
    /// <see cref="InsufficientExecutionStackException"/>, reported as the others here are.
    /// </summary>
    public static string Describe(Exception e) =>
        e is InsufficientExecutionStackException ? $"{Exceeded}: the template is nested too deeply." : $"{e.GetType().Name}: {e.Message}";

    /// <summary>Throws when <paramref name="depth"/> exceeds <see cref="MaxDataDepth"/> or the stack is nearly exhausted.</summary>
    public static void EnsureData(int depth, string what)
    {
        if (depth > MaxDataDepth)
        {
            throw new JinjaRuntimeException($"{Exceeded}: {what} is nested more than {MaxDataDepth} deep.");
        }

        Ensure(what);
    }
}
