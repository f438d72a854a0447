using Micro.Templates.Compilation;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Micro.Templates.Runtime;

/// <summary>
/// A runtime helper exposed to generated Scriban code (<c>j_add</c>, <c>j_filter</c>, ...). Implements
/// <see cref="IScriptCustomFunction"/> directly (no reflection), and turns runtime errors into
/// <see cref="TemplateException"/>s positioned in the Jinja source.
/// </summary>
internal sealed class JinjaFunction(string name, Func<RenderContext, object?[], object?> body) : IScriptCustomFunction
{
    /// <summary>The Scriban name.</summary>
    public string Name { get; } = name;

    /// <inheritdoc/>
    public int RequiredParameterCount => 0;

    /// <inheritdoc/>
    public int ParameterCount => 0;

    /// <inheritdoc/>
    public ScriptVarParamKind VarParamKind => ScriptVarParamKind.Direct;

    /// <inheritdoc/>
    public Type ReturnType => typeof(object);

    /// <inheritdoc/>
    public ScriptParameterInfo GetParameterInfo(int index) => new(typeof(object), "arg");

    /// <inheritdoc/>
    public object? Invoke(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement) =>
        Call((RenderContext)context, callerContext, [.. arguments]);

    /// <summary>Calls the helper with evaluated arguments; <paramref name="callerContext"/> positions errors.</summary>
    public object? Call(RenderContext ctx, ScriptNode? callerContext, object?[] arguments)
    {
        var saved = ctx.CallNode;
        ctx.CallNode = callerContext;
        try
        {
            return body(ctx, arguments);
        }
        catch (TemplateException e) when (e.Line == 0 && callerContext is not null)
        {
            throw Map(e.Reason, callerContext.Span, e) is var mapped && mapped.TemplateName is not null
                ? new TemplateException(mapped.Reason, mapped.TemplateName, mapped.Line, mapped.Column, e.InnerException) { SearchedFolders = e.SearchedFolders }
                : e;
        }
        catch (JinjaRuntimeException e)
        {
            throw Map(e.Message, callerContext?.Span ?? default, e.InnerException ?? e);
        }
        catch (Exception e) when (e is not TemplateException and not ScriptRuntimeException and not OperationCanceledException)
        {
            throw Map(StackGuard.Describe(e), callerContext?.Span ?? default, e);
        }
        finally
        {
            ctx.CallNode = saved;
        }
    }

    /// <inheritdoc/>
    public ValueTask<object?> InvokeAsync(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement) =>
        new(Invoke(context, callerContext, arguments, blockStatement));

    /// <summary>Maps a Scriban span to a Jinja position.</summary>
    public static TemplateException Map(string reason, SourceSpan span, Exception? inner)
    {
        var unit = UnitRegistry.Find(span.FileName);
        if (unit is null)
        {
            return new TemplateException(reason, null, 0, 0, inner);
        }

        var (template, pos) = unit.Map.Find(span.Start.Line, span.Start.Column);
        return new TemplateException(reason, template, pos.Line, pos.Column, inner);
    }
}
