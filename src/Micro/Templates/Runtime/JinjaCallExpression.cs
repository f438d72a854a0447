using Scriban;
using Scriban.Syntax;

namespace Micro.Templates.Runtime;

/// <summary>
/// A call to a Jinja runtime helper, swapped into the parsed Scriban tree in place of Scriban's own
/// function-call node: it evaluates its arguments and calls the helper directly, skipping Scriban's
/// generic call path (argument arrays, scope push), which costs ~0.6 µs per call.
/// </summary>
internal sealed class JinjaCallExpression : ScriptExpression
{
    private readonly JinjaFunction _function;
    private readonly ScriptExpression[] _arguments;

    public JinjaCallExpression(JinjaFunction function, ScriptExpression[] arguments)
    {
        _function = function;
        _arguments = arguments;
    }

    /// <inheritdoc/>
    public override object? Evaluate(TemplateContext context)
    {
        var args = _arguments.Length == 0 ? [] : new object?[_arguments.Length];
        for (var i = 0; i < args.Length; i++)
        {
            args[i] = context.Evaluate(_arguments[i]);
        }

        return _function.Call((RenderContext)context, this, args);
    }

    /// <inheritdoc/>
    public override int ChildrenCount => _arguments.Length;

    /// <inheritdoc/>
    protected override ScriptNode GetChildrenImpl(int index) => _arguments[index];

    // Scriban's own visitors (e.g. the one that looks for `ret` in a function) only need to reach the arguments.

    /// <inheritdoc/>
    public override void Accept(ScriptVisitor visitor)
    {
        foreach (var argument in _arguments)
        {
            visitor.Visit(argument);
        }
    }

    /// <inheritdoc/>
    public override TResult Accept<TResult>(ScriptVisitor<TResult> visitor)
    {
        var result = default(TResult)!;
        foreach (var argument in _arguments)
        {
            result = visitor.Visit(argument)!;
        }

        return result;
    }

    /// <inheritdoc/>
    public override void PrintTo(ScriptPrinter printer)
    {
        printer.Write(_function.Name).Write("(");
        for (var i = 0; i < _arguments.Length; i++)
        {
            if (i > 0)
            {
                printer.Write(", ");
            }

            printer.Write(_arguments[i]);
        }

        printer.Write(")");
    }
}
