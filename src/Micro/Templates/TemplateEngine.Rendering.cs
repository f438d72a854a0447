using Micro.Templates.Caching;
using Micro.Templates.Compilation;
using Micro.Templates.Runtime;
using Scriban.Syntax;

namespace Micro.Templates;

/// <content>Rendering and the output cache decision.</content>
public sealed partial class TemplateEngine
{
    /// <summary>Renders the template <paramref name="name"/> (a path relative to a templates folder, with <c>/</c>).</summary>
    /// <param name="name">The template name, e.g. <c>users/show.html</c>.</param>
    /// <param name="model">The template's variables: an object (its properties), a dictionary, or null.</param>
    /// <param name="globals">
    /// Per-render values such as <c>request</c>, <c>session</c>, <c>url_for</c>, <c>get_flashed_messages</c>,
    /// <c>csrf_token</c>, <c>config</c>; the model shadows them, as in Flask. A template that reads any of them is not
    /// output-cached, unless the name was passed to <see cref="DeclarePure"/>.
    /// </param>
    /// <param name="outputCache">
    /// False to bypass the output cache for this render. Even when true, the render is cached only when the model is
    /// data the cache can key exactly (strings, numbers, dates, records and anonymous types of those, lists and
    /// dictionaries of those, or types marked <see cref="OutputCacheableAttribute"/>); any other model is rendered fresh.
    /// </param>
    /// <returns>The rendered text.</returns>
    /// <exception cref="TemplateException">The template is missing, does not compile, or fails while rendering.</exception>
    public string Render(string name, object? model = null, IReadOnlyDictionary<string, object?>? globals = null, bool outputCache = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        try
        {
            return RenderCore(name, model, globals, outputCache);
        }
        catch (Exception) when (_metrics.CountRenderError())
        {
            // Never reached: the filter counts the error and lets it through.
            throw;
        }
    }

    private string RenderCore(string name, object? model, IReadOnlyDictionary<string, object?>? globals, bool outputCache)
    {
        var program = Options.AutoReload ? EnsureFresh(name, []) : GetCompiled(name);
        OutputKey? key = null;
        if (outputCache && Options.OutputCacheEnabled && IsCacheable(program, globals))
        {
            // The same data as this template's last stored render: compared as it is read, no key built.
            if (_outputCache.RecentFor(program.Id) is { } recent && ModelKey.Matches(model, recent.Key, Options.OutputCacheMaxKeyLength))
            {
                _outputCache.CountRecentHit();
                return recent.Text;
            }

            var probe = ModelKey.Probe(program.Id, model, Options.OutputCacheMaxKeyLength, out var refusal);
            if (probe is null)
            {
                // Fail closed: a value the key cannot hold exactly could make this output differ from a cached one.
                _metrics.CountUncacheable(refusal);
            }
            else
            {
                var hit = _outputCache.TryGet(probe, out var cached);
                // A miss keeps its own copy of the key before rendering: the render may render again on this thread.
                key = hit ? null : probe.Freeze();
                ModelKey.Release();
                if (hit)
                {
                    return cached;
                }
            }
        }

        var text = Run(program, model, globals);
        if (key is not null)
        {
            _outputCache.Set(key, text);
            _outputCache.Remember(key, text);
        }

        return text;
    }

    /// <summary>Renders Jinja source that is not in a file (never output-cached). <paramref name="name"/> decides autoescaping and names errors.</summary>
    public string RenderString(string source, object? model = null, IReadOnlyDictionary<string, object?>? globals = null, string name = "<string>.html")
    {
        ArgumentNullException.ThrowIfNull(source);
        CompiledTemplate program;
        try
        {
            program = Compile(new TemplateSource(name, source, null, default));
        }
        catch (Exception) when (_metrics.CountRenderError())
        {
            throw;
        }

        try
        {
            return Run(program, model, globals);
        }
        catch (Exception) when (_metrics.CountRenderError())
        {
            throw;
        }
    }

    private string Run(CompiledTemplate program, object? model, IReadOnlyDictionary<string, object?>? globals)
    {
        var ctx = _pool.Rent();
        var enclosingLimit = SizeGuard.Enter(Options.MaxValueLength);
        try
        {
            var renderGlobals = new RenderGlobals(globals, model, _globals);
            ctx.Prepare(renderGlobals);
            return ctx.Capture(program, new Frame(null, renderGlobals));
        }
        catch (ScriptRuntimeException e)
        {
            for (Exception? inner = e; inner is not null; inner = inner.InnerException)
            {
                if (inner is TemplateException te)
                {
                    throw te;
                }
            }

            // Scriban's own errors (the loop and output limits) are raised at a node whose span is a Jinja position.
            throw JinjaSpan.Error(e.InnerException is InsufficientExecutionStackException stack ? StackGuard.Describe(stack) : e.OriginalMessage, e.Span, program.Name, e);
        }
        catch (InsufficientExecutionStackException e)
        {
            // Out of stack in Scriban's evaluator, outside any node of Micro's: report it where Scriban was.
            throw JinjaSpan.Error(StackGuard.Describe(e), ctx.CurrentNode?.Span ?? default, program.Name, e);
        }
        finally
        {
            ctx.Clear();
            _pool.Return(ctx);
            SizeGuard.Exit(enclosingLimit);
        }
    }

    // Auto-reload: check this template's files and, recursively, everything it includes or imports.
    private CompiledTemplate EnsureFresh(string name, HashSet<string> visited)
    {
        var program = GetCompiled(name);
        if (visited.Add(name))
        {
            foreach (var r in program.StaticReferences)
            {
                try
                {
                    EnsureFresh(r, visited);
                }
                catch (TemplateException)
                {
                    // A missing include is reported (or ignored) when the render reaches it.
                }
            }
        }

        return _compiled.TryGet(name, out var latest) ? latest : program;
    }

    /// <summary>
    /// Says whether the template, or anything it extends, includes or imports, may read one of <paramref name="names"/>
    /// (always true when it includes by a computed name). The app skips building per-request values when it is false.
    /// </summary>
    internal bool ReadsAny(string name, IReadOnlySet<string> names)
    {
        CompiledTemplate program;
        try
        {
            program = Options.AutoReload ? EnsureFresh(name, []) : GetCompiled(name);
        }
        catch (Exception) when (_metrics.CountRenderError())
        {
            // The app asks before it renders: a template that cannot load fails the render here.
            throw;
        }

        var info = _transitive.GetOrAdd(program.Id, static (_, state) => state.Engine.Transitive(state.Program), (Engine: this, Program: program));
        return info.Dynamic || info.Names.Overlaps(names);
    }

    private bool IsCacheable(CompiledTemplate program, IReadOnlyDictionary<string, object?>? globals)
    {
        var info = _transitive.GetOrAdd(program.Id, static (_, state) => state.Engine.Transitive(state.Program), (Engine: this, Program: program));
        // `is sameas` tells objects apart by identity, which no key of values can hold.
        if (info.Dynamic || info.Filters.Overlaps(_impureFilters) || info.Names.Overlaps(_impure) || info.Tests.Contains("sameas"))
        {
            return false;
        }

        if (globals is not null)
        {
            foreach (var g in globals.Keys)
            {
                if (info.Names.Contains(g) && !_pure.Contains(g))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private TransitiveInfo Transitive(CompiledTemplate program)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var filters = new HashSet<string>(StringComparer.Ordinal);
        var tests = new HashSet<string>(StringComparer.Ordinal);
        var dynamic = false;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<CompiledTemplate>([program]);
        while (stack.Count > 0)
        {
            var p = stack.Pop();
            names.UnionWith(p.Names);
            filters.UnionWith(p.Filters);
            tests.UnionWith(p.Tests);
            dynamic |= p.HasDynamicReferences;
            foreach (var r in p.StaticReferences)
            {
                if (seen.Add(r))
                {
                    try
                    {
                        stack.Push(GetCompiled(r));
                    }
                    catch (TemplateException)
                    {
                        dynamic = true;
                    }
                }
            }
        }

        return new TransitiveInfo(names, filters, tests, dynamic);
    }

    private sealed record TransitiveInfo(HashSet<string> Names, HashSet<string> Filters, HashSet<string> Tests, bool Dynamic);
}
