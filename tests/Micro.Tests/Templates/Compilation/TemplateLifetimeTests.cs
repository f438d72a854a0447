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
    public void A_disposed_engine_is_collected()
    {
        Write("a.html", "{% macro m(x) %}<{{ x }}>{% endmacro %}{{ m(name) }}{% include 'b.html' %}");
        Write("b.html", "{% for i in range(2) %}{{ i }}{% endfor %}");
        // A listener to every meter, as metrics exporters are, that outlives the engine.
        using var listener = new System.Diagnostics.Metrics.MeterListener
        {
            InstrumentPublished = (instrument, l) => l.EnableMeasurementEvents(instrument),
        };
        listener.SetMeasurementEventCallback<long>(static (_, _, _, _) => { });
        listener.SetMeasurementEventCallback<double>(static (_, _, _, _) => { });
        listener.Start();
        var engine = RenderAndDispose();

        // Evictions run their callbacks and compaction on the thread pool, and that queued work holds the cache's
        // metrics (whose meter's scope is the engine) until it has run: give it time on a busy machine.
        for (var i = 0; i < 50 && engine.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            Thread.Sleep(i * 10);
        }

        Assert.False(engine.IsAlive);
        listener.RecordObservableInstruments();
    }

    // Out of line, so that no local of the test keeps the engine reachable. Cached, uncached and evicted renders,
    // another thread, filters and globals, render strings and errors, so that every cache and meter the engine has was used.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private WeakReference RenderAndDispose()
    {
        var engine = Engine(o =>
        {
            o.AutoReload = true;
            o.OutputCacheSizeBytes = 2048;
        });
        engine.AddFilter("twice", v => $"{v}{v}");
        engine.AddGlobal("site", "S");
        Assert.Equal("SS", engine.RenderString("{{ site|twice }}"));
        Assert.Equal("<a>01", Task.Run(() => engine.Render("a.html", new { name = "a" })).Result);
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal($"<{i}>01", engine.Render("a.html", new { name = i.ToString(System.Globalization.CultureInfo.InvariantCulture) + new string(' ', 0) }));
        }

        Assert.Throws<TemplateException>(() => engine.RenderString("{{ 1 / 0 }}"));
        Assert.Throws<TemplateException>(() => engine.RenderString("{% if %}"));
        Assert.Equal("<a>01", engine.Render("a.html", new { name = "a" }));
        Assert.Equal("<a>01", engine.Render("a.html", new { name = "a" }));
        Assert.Equal("<&amp;>01", engine.Render("a.html", new { name = "&" }, outputCache: false));
        Assert.Equal("1", engine.RenderString("{{ 1 }}"));
        Assert.Throws<TemplateException>(() => engine.Render("missing.html"));
        engine.Dispose();
        return new WeakReference(engine);
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
