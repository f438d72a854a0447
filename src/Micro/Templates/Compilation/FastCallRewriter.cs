using Micro.Templates.Runtime;
using Scriban.Syntax;

namespace Micro.Templates.Compilation;

/// <summary>Replaces calls to runtime helpers (<c>j_add(a, b)</c>) with <see cref="JinjaCallExpression"/> nodes.</summary>
internal sealed class FastCallRewriter(IReadOnlyDictionary<string, JinjaFunction> functions, CompiledTemplate program) : ScriptRewriter
{
    /// <inheritdoc/>
    public override ScriptNode? Visit(ScriptNode? node)
    {
        // The rewrite recurses over Scriban's tree as deep as the template's tags nest.
        StackGuard.Ensure("the generated code");
        return base.Visit(node);
    }

    /// <inheritdoc/>
    public override ScriptNode Visit(ScriptForStatement node)
    {
        // for $f in j_for(loop, outer, bindLoop, targets...) ... end: the emitter's only form of loop.
        if (node.Variable is ScriptVariable variable
            && node.Iterator is ScriptFunctionCall { Target: ScriptVariable { Name: "j_for" } } call
            && call.Arguments.Count >= 4 && call.Arguments[2] is ScriptLiteral { Value: bool bindLoop }
            && node.Else is null && node.NamedArguments is null or { Count: 0 })
        {
            var targets = new string[call.Arguments.Count - 3];
            for (var i = 0; i < targets.Length; i++)
            {
                targets[i] = (string)((ScriptLiteral)call.Arguments[i + 3]).Value!;
            }

            return new JinjaForNode(
                variable,
                (ScriptExpression)Visit(call.Arguments[0])!,
                (ScriptExpression)Visit(call.Arguments[1])!,
                bindLoop,
                targets,
                (ScriptBlockStatement)Visit(node.Body)!) { Span = node.Span };
        }

        throw new InvalidOperationException($"Internal error: unexpected Scriban loop `{node}`.");
    }

    /// <inheritdoc/>
    public override ScriptNode Visit(ScriptFunctionCall node)
    {
        if (node.Target is ScriptVariable { Name: "j_x" or "j_xe" or "j_xs" or "j_xb" or "j_xbg" } jx
            && node.Arguments.Count == 2 && node.Arguments[0] is ScriptLiteral { Value: int index })
        {
            var mode = jx.Name switch
            {
                "j_xe" => JinjaExprNode.Kind.Escaped,
                "j_xs" => JinjaExprNode.Kind.Raw,
                "j_xb" => JinjaExprNode.Kind.Truth,
                "j_xbg" => JinjaExprNode.Kind.CheckedTruth,
                _ => JinjaExprNode.Kind.Value,
            };
            var (expr, template, autoescape) = program.Expressions[index];
            return new JinjaExprNode(expr, template, (ScriptExpression)Visit(node.Arguments[1])!, mode, autoescape) { Span = node.Span };
        }

        if (node.Target is ScriptVariable { Name: "j_run" } && node.Arguments.Count == 2 && node.Arguments[0] is ScriptLiteral { Value: int run })
        {
            return new OutputRunNode(program.Runs[run], (ScriptExpression)Visit(node.Arguments[1])!) { Span = node.Span };
        }

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
