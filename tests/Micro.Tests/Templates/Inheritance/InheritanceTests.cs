using System.Diagnostics.Metrics;
using Micro.Templates;
using Micro.Tests.Support;

namespace Micro.Tests.Templates.Inheritance;

/// <summary>
/// What the goldens cannot show about a parent chosen at run time: each render chooses its own parent from one
/// compiled template (with the output cache on and off, and from many threads at once), each template is compiled
/// once whatever parent it gets, a parent changed on disk is picked up with auto-reload, and the errors name the
/// template, the line and the folders searched.
/// </summary>
public sealed class InheritanceTests : TemplateFolderTests
{
    private void WriteLayouts()
    {
        Write("base.html", "<base>{% block body %}{% endblock %}</base>");
        Write("ajax.html", "<ajax>{% block body %}{% endblock %}</ajax>");
        Write("page.html", "{% extends 'ajax.html' if ajax else 'base.html' %}{% block body %}{{ who }}{% endblock %}");
        Write("computed.html", "{% extends layout %}{% block body %}{{ who }}{% endblock %}");
        Write("conditional.html", "{% if layout %}{% extends layout %}{% endif %}[{% block body %}{{ who }}{% endblock %}]");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Each_render_chooses_its_parent_from_one_compiled_template(bool outputCache)
    {
        WriteLayouts();
        using var engine = Engine(o => o.OutputCacheEnabled = outputCache);
        for (var round = 0; round < 3; round++)
        {
            Assert.Equal("<ajax>a</ajax>", engine.Render("page.html", new { ajax = true, who = "a" }));
            Assert.Equal("<base>b</base>", engine.Render("page.html", new { ajax = false, who = "b" }));
            Assert.Equal("<ajax>c</ajax>", engine.Render("computed.html", new { layout = "ajax.html", who = "c" }));
            Assert.Equal("<base>c</base>", engine.Render("computed.html", new { layout = "base.html", who = "c" }));
            Assert.Equal("<ajax>d</ajax>", engine.Render("conditional.html", new { layout = "ajax.html", who = "d" }));
            Assert.Equal("[d]", engine.Render("conditional.html", new { layout = "", who = "d" }));
        }
    }

    [Fact]
    public void Renders_on_many_threads_each_get_their_own_parent()
    {
        WriteLayouts();
        using var engine = Engine(o => o.OutputCacheEnabled = false);
        Parallel.For(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var (layout, tag) = i % 2 == 0 ? ("ajax.html", "ajax") : ("base.html", "base");
            Assert.Equal($"<{tag}>{i}</{tag}>", engine.Render("computed.html", new { layout, who = i }));
            Assert.Equal(i % 3 == 0 ? $"[{i}]" : $"<{tag}>{i}</{tag}>", engine.Render("conditional.html", new { layout = i % 3 == 0 ? "" : layout, who = i }));
        });
    }

    [Fact]
    public void A_child_and_its_parents_are_compiled_once_whichever_parent_a_render_takes()
    {
        WriteLayouts();
        long compilations = 0;
        TemplateEngine? engine = null;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (i, l) =>
        {
            if (i.Meter.Name == TemplateEngine.MeterName && i.Name == "micro.templates.compilations")
            {
                l.EnableMeasurementEvents(i);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, v, _, _) =>
        {
            if (ReferenceEquals(i.Meter.Scope, engine))
            {
                Interlocked.Add(ref compilations, v);
            }
        });
        listener.Start();
        engine = Engine(o => o.OutputCacheEnabled = false);
        using (engine)
        {
            for (var i = 0; i < 5; i++)
            {
                engine.Render("computed.html", new { layout = "ajax.html", who = i });
                engine.Render("computed.html", new { layout = "base.html", who = i });
            }
        }

        Assert.Equal(3, Interlocked.Read(ref compilations));
    }

    [Fact]
    public void Auto_reload_picks_up_a_changed_computed_parent()
    {
        WriteLayouts();
        using var engine = Engine(o => o.AutoReload = true);
        Assert.Equal("<base>x</base>", engine.Render("computed.html", new { layout = "base.html", who = "x" }));
        Write("base.html", "<new>{% block body %}{% endblock %}</new>");
        File.SetLastWriteTimeUtc(Path.Combine(Folder, "base.html"), DateTime.UtcNow.AddSeconds(5));
        Assert.Equal("<new>x</new>", engine.Render("computed.html", new { layout = "base.html", who = "x" }));
    }

    [Fact]
    public void A_missing_computed_parent_names_the_template_the_line_and_the_folders()
    {
        Write("a.html", "one\n\n  {% extends layout %}");
        using var engine = Engine();
        var e = Assert.Throws<TemplateException>(() => engine.Render("a.html", new { layout = "nope.html" }));
        Assert.Equal(("a.html", 3), (e.TemplateName, e.Line));
        Assert.Equal($"Template 'nope.html' not found. Searched: {Folder}", e.Reason);
        Assert.Equal([Folder], e.SearchedFolders);
    }

    [Fact]
    public void A_template_that_extends_itself_at_run_time_fails_with_a_template_error()
    {
        Write("a.html", "{% extends name %}");
        using var engine = Engine();
        var e = Assert.Throws<TemplateException>(() => engine.Render("a.html", new { name = "a.html" }));
        Assert.Equal("a.html", e.TemplateName);
        Assert.Contains("maximum recursion depth exceeded", e.Reason, StringComparison.Ordinal);
    }
}
