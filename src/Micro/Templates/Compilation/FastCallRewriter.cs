using Micro.Templates.Runtime;
using Scriban.Syntax;

namespace Micro.Templates.Compilation;

/// <summary>Replaces calls to runtime helpers (<c>j_add(a, b)</c>) with <see cref="JinjaCallExpression"/> nodes.</summary>
internal sealed class FastCallRewriter(IReadOnlyDictionary<string, JinjaFunction> functions) : ScriptRewriter
{
    /// <inheritdoc/>
    public override ScriptNode Visit(ScriptFunctionCall node)
    {
        if (node.Target is ScriptVariable variable && functions.TryGetValue(variable.Name, out var function))
        {
            var args = new ScriptExpression[node.Arguments.Count];
            for (var i = 0; i < args.Length; i++)
            {
                args[i] = (ScriptExpression)Visit(node.Arguments[i])!;
            }

            return new JinjaCallExpression(function, args) { Span = node.Span };
        }

        return base.Visit(node);
    }
}
