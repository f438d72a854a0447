using System.Runtime.CompilerServices;
using Micro.Templates;
using Micro.Templates.Compilation;
using Micro.Tests.Support;

namespace Micro.Tests.Templates.Compilation;

/// <summary>
/// Compiled templates belong to their engine alone: nothing static keeps them (or any part of them) alive after the
/// engine is gone, and the cache keeps one compile per name however many renders race to compile it.
/// </summary>
public sealed class TemplateLifetimeTests : TemplateFolderTests
{
    [Fact]
    public void Nothing_static_holds_the_templates_of_a_disposed_engine()
    {
        Write("base.html", "{% block b %}{% endblock %}");
        Write("a.html", "{% extends 'base.html' %}{% macro m() %}{{ caller() }}{% endmacro %}{% block b %}{% call m() %}{% for i in [1] recursive %}{{ i }}{% endfor %}{% endcall %}{% endblock %}");
        var parts = CompileRenderAndDispose();

        for (var i = 0; i < 5 && parts.Any(p => p.IsAlive); i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.DoesNotContain(parts, p => p.IsAlive);
    }

    // Kept out of line so that no local of the test method keeps the engine or its templates reachable.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private List<WeakReference> CompileRenderAndDispose()
    {
        using var engine = Engine();
        Assert.Equal("1", engine.Render("a.html"));
        Assert.Equal("1", engine.RenderString("{% for i in [1] recursive %}{{ i }}{% endfor %}"));
        var program = engine.GetCompiled("a.html");
        var parts = new List<WeakReference> { new(program), new(program.Main) };
        parts.AddRange(program.Functions.Select(f => new WeakReference(f)));
        engine.ClearCaches();
        Assert.Equal("1", engine.Render("a.html"));
        var again = engine.GetCompiled("a.html");
        parts.Add(new WeakReference(again.Main));
        parts.AddRange(again.Functions.Select(f => new WeakReference(f)));
        return parts;
    }

    [Fact]
    public void Renders_racing_to_compile_a_template_share_one_compile()
    {
        Write("a.html", "{% for i in range(3) %}{{ i }}{% endfor %}");
        using var engine = Engine();
        using var start = new Barrier(8);
        var programs = new CompiledTemplate[8];
        var threads = Enumerable.Range(0, 8).Select(i => new Thread(() =>
        {
            start.SignalAndWait();
            Assert.Equal("012", engine.Render("a.html", outputCache: false));
            programs[i] = engine.GetCompiled("a.html");
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Assert.All(programs, p => Assert.Same(programs[0], p));
    }
}
