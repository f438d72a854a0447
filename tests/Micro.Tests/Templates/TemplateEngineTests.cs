using System.Diagnostics.Metrics;
using Micro.Templates;
using Micro.Tests.Support;

namespace Micro.Tests.Templates;

public sealed class TemplateEngineTests : TemplateFolderTests
{
    public sealed record User(string FirstName, int Age)
    {
        public string Password { get; set; } = "secret";
    }

    [Fact]
    public void Autoescape_escapes_quotes_like_markupsafe()
    {
        Write("a.html", "{{ v }}");
        Assert.Equal("&lt;a href=&#34;x&#34;&gt;&amp;&#39;", Engine().Render("a.html", new { v = "<a href=\"x\">&'" }));
    }

    [Fact]
    public void The_replace_filter_and_str_replace_insert_as_python_does_when_old_is_empty()
    {
        // Python's str.replace('', new, count) inserts before the first `count` characters; the filter used to put
        // all `count` copies in front. Expected output from Jinja2 3.1.
        Write("a.txt", "{{ 'abc'|replace('', '-', 2) }}|{{ 'abc'.replace('', '-', 2) }}|{{ 'abc'|replace('', '-') }}|{{ 'abc'|replace('', '-', 0) }}");
        Assert.Equal("-a-bc|-a-bc|-a-b-c-|abc", Engine().Render("a.txt"));
    }

    [Fact]
    public void Markup_values_are_never_escaped_twice()
    {
        Write("a.html", "{{ v }}{{ v|e }}{{ v|safe }}");
        Assert.Equal("<b><b><b>", Engine().Render("a.html", new { v = new Markup("<b>") }));
    }

    [Fact]
    public void Csharp_members_are_readable_by_exact_lower_and_snake_case_names()
    {
        Write("a.html", "{{ u.FirstName }}|{{ u.firstname }}|{{ u.first_name }}|{{ u.Age + 1 }}");
        Assert.Equal("Ada|Ada|Ada|37", Engine().Render("a.html", new { u = new User("Ada", 36) }));
    }

    [Fact]
    public void Templates_cannot_write_to_dotnet_setters()
    {
        var user = new User("Ada", 36);
        Write("a.html", "{% set u.Password = 'x' %}");
        Assert.Throws<TemplateException>(() => Engine().Render("a.html", new { u = user }));
        Assert.Equal("secret", user.Password);
    }

    [Fact]
    public void Unknown_filter_error_names_template_line_and_column()
    {
        Write("a.html", "ok\n  {{ x|uper }}");
        var e = Assert.Throws<TemplateException>(() => Engine().Render("a.html"));
        Assert.Equal(("a.html", 2, 8), (e.TemplateName, e.Line, e.Column));
        Assert.Contains("No filter named 'uper'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_template_lists_the_folders_searched()
    {
        var e = Assert.Throws<TemplateException>(() => Engine().Render("nope.html"));
        Assert.Contains(Path.GetFullPath(Folder), e.SearchedFolders);
    }

    [Fact]
    public void Runtime_error_in_an_included_template_points_at_that_template()
    {
        Write("inc.html", "\n\n   {{ missing.attr }}");
        Write("a.html", "{% include 'inc.html' %}");
        var e = Assert.Throws<TemplateException>(() => Engine().Render("a.html"));
        Assert.Equal(("inc.html", 3), (e.TemplateName, e.Line));
        Assert.Contains("'missing' is undefined", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loops_longer_than_scribans_default_limit_render()
    {
        Write("a.html", "{% for i in range(3000) %}{% endfor %}done");
        Assert.Equal("done", Engine().Render("a.html"));
    }

    [Fact]
    public void User_filters_tests_and_globals_are_callable()
    {
        var engine = Engine();
        engine.AddFilter("twice", v => (string)v! + v);
        engine.AddTest("short", v => ((string)v!).Length < 3);
        engine.AddGlobal("greet", new TemplateFunction((args, kw) => $"hi {args[0]}{kw.GetValueOrDefault("p")}"));
        Write("a.html", "{{ 'ab'|twice }} {{ 'ab' is short }} {{ greet('x', p='!') }}");
        Assert.Equal("abab True hi x!", engine.Render("a.html"));
    }

    [Fact]
    public void Auto_reload_picks_up_a_changed_parent_template()
    {
        var engine = Engine(o => o.AutoReload = true);
        Write("base.html", "[{% block b %}{% endblock %}]");
        Write("a.html", "{% extends 'base.html' %}{% block b %}x{% endblock %}");
        Assert.Equal("[x]", engine.Render("a.html"));
        Write("base.html", "<{% block b %}{% endblock %}>");
        File.SetLastWriteTimeUtc(Path.Combine(Folder, "base.html"), DateTime.UtcNow.AddSeconds(5));
        Assert.Equal("<x>", engine.Render("a.html"));
    }

    [Fact]
    public void Output_cache_serves_equal_arguments_and_counts_hits_and_misses()
    {
        long hits = 0, misses = 0;
        using var listener = new MeterListener();
        TemplateEngine? engine = null;
        listener.InstrumentPublished = (i, l) =>
        {
            if (i.Meter.Name == TemplateEngine.MeterName)
            {
                l.EnableMeasurementEvents(i);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, v, _, _) =>
        {
            if (!ReferenceEquals(i.Meter.Scope, engine))
            {
                return;
            }

            if (i.Name.EndsWith("hits", StringComparison.Ordinal)) { Interlocked.Add(ref hits, v); }
            if (i.Name.EndsWith("misses", StringComparison.Ordinal)) { Interlocked.Add(ref misses, v); }
        });
        listener.Start();
        engine = Engine();
        Write("a.html", "{{ n }}");
        Assert.Equal("1", engine.Render("a.html", new { n = 1 }));
        Assert.Equal("1", engine.Render("a.html", new { n = 1 }));
        Assert.Equal("2", engine.Render("a.html", new { n = 2 }));
        Assert.Equal((1L, 2L), (hits, misses));
    }

    [Fact]
    public void The_meter_counts_compilations_their_duration_and_render_errors()
    {
        long compilations = 0, errors = 0, durations = 0;
        using var listener = new MeterListener();
        TemplateEngine? engine = null;
        listener.InstrumentPublished = (i, l) =>
        {
            if (i.Meter.Name == TemplateEngine.MeterName)
            {
                l.EnableMeasurementEvents(i);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, v, _, _) =>
        {
            if (ReferenceEquals(i.Meter.Scope, engine) && i.Name == "micro.templates.compilations") { Interlocked.Add(ref compilations, v); }
            if (ReferenceEquals(i.Meter.Scope, engine) && i.Name == "micro.templates.render.errors") { Interlocked.Add(ref errors, v); }
        });
        listener.SetMeasurementEventCallback<double>((i, v, _, _) =>
        {
            if (ReferenceEquals(i.Meter.Scope, engine) && i.Name == "micro.templates.compilation.duration" && v >= 0) { Interlocked.Increment(ref durations); }
        });
        listener.Start();
        engine = Engine();
        Write("a.html", "{{ n }}");
        Write("broken.html", "{% if %}");
        Write("fails.html", "{{ 1 / 0 }}");
        engine.Render("a.html", new { n = 1 });
        engine.Render("a.html", new { n = 2 });
        Assert.Equal((1L, 1L, 0L), (compilations, durations, errors));

        Assert.Throws<TemplateException>(() => engine.Render("missing.html"));
        Assert.Throws<TemplateException>(() => engine.Render("broken.html"));
        Assert.ThrowsAny<Exception>(() => engine.Render("fails.html"));
        Assert.ThrowsAny<Exception>(() => engine.RenderString("{% for %}"));
        Assert.Equal(4L, errors);
        Assert.Equal(compilations, durations);
    }

    [Fact]
    public void Two_users_with_different_sessions_never_see_each_others_output()
    {
        var engine = Engine();
        Write("_nav.html", "{{ session.user }}");
        Write("a.html", "{% include '_nav.html' %}");
        var ann = engine.Render("a.html", null, new Dictionary<string, object?> { ["session"] = new Dictionary<string, object?> { ["user"] = "ann" } });
        var bob = engine.Render("a.html", null, new Dictionary<string, object?> { ["session"] = new Dictionary<string, object?> { ["user"] = "bob" } });
        Assert.Equal(("ann", "bob"), (ann, bob));
        Assert.Equal(0, engine.OutputCache.Count);
    }

    [Fact]
    public void Impure_global_disables_output_cache_transitively_through_imports()
    {
        var engine = Engine();
        var n = 0;
        engine.AddGlobal("now", new TemplateFunction((_, _) => ++n), pure: false);
        Write("_m.html", "{% macro t() %}{{ now() }}{% endmacro %}");
        Write("a.html", "{% import '_m.html' as m %}{{ m.t() }}");
        Assert.Equal("1", engine.Render("a.html"));
        Assert.Equal("2", engine.Render("a.html"));
    }

    [Fact]
    public void Output_cache_is_bounded_in_bytes_and_can_be_bypassed_per_render()
    {
        var engine = Engine(o => o.OutputCacheSizeBytes = 2000);
        Write("a.html", "{{ n }}{{ 'x' * 300 }}");
        for (var i = 0; i < 10; i++)
        {
            engine.Render("a.html", new { n = i });
        }

        Assert.True(engine.OutputCache.SizeBytes <= 2000);
        engine.Render("b.html".Replace("b", "a", StringComparison.Ordinal), new { n = 99 }, outputCache: false);
        Assert.True(engine.OutputCache.Count <= 3);
    }

    [Fact]
    public void A_failed_render_leaves_the_pooled_context_clean_for_the_next()
    {
        var engine = Engine();
        Write("bad.html", "{% for i in [1] %}{% macro m() %}{{ x.y }}{% endmacro %}{{ m() }}{% endfor %}");
        Write("good.html", "{% set a = 1 %}{{ a }}{{ b }}");
        for (var i = 0; i < 50; i++)
        {
            Assert.Throws<TemplateException>(() => engine.Render("bad.html"));
            Assert.Equal("1", engine.Render("good.html", outputCache: false));
        }
    }

    [Fact]
    public void Renders_from_many_threads_at_once_give_each_caller_its_own_output()
    {
        var engine = Engine();
        Write("a.html", "{% for i in range(n) %}{{ i }}{% endfor %}|{{ name }}");
        Parallel.For(0, 400, i =>
        {
            var expected = string.Concat(Enumerable.Range(0, i % 7).Select(x => x.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "|u" + i;
            Assert.Equal(expected, engine.Render("a.html", new { n = i % 7, name = "u" + i }));
        });
    }

    [Fact]
    public void Macros_may_recurse_deeper_than_scribans_default_limit_of_100()
    {
        Write("a.html", "{% macro down(n) %}{% if n > 0 %}{{ down(n - 1) }}{% else %}bottom{% endif %}{% endmacro %}{{ down(150) }}");
        Assert.Equal("bottom", Engine().Render("a.html"));
    }

    [Fact]
    public void Output_larger_than_one_megabyte_is_not_truncated()
    {
        Write("a.html", "{% for i in range(3000) %}{{ row }}{% endfor %}");
        var row = new string('x', 1000);
        Assert.Equal(3_000_000, Engine().Render("a.html", new { row }).Length);
    }

    [Fact]
    public void Template_names_cannot_escape_the_templates_folder()
    {
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(Folder)!, "outside-" + Path.GetFileName(Folder) + ".html"), "secret");
        Assert.Throws<TemplateException>(() => Engine().Render("../outside-" + Path.GetFileName(Folder) + ".html"));
        File.Delete(Path.Combine(Path.GetDirectoryName(Folder)!, "outside-" + Path.GetFileName(Folder) + ".html"));
    }

    [Fact]
    public void Syntax_error_names_template_line_and_column()
    {
        Write("a.html", "one\ntwo {{ 1 + }}");
        var e = Assert.Throws<TemplateException>(() => Engine().Render("a.html"));
        Assert.Equal(("a.html", 2, 12), (e.TemplateName, e.Line, e.Column));
    }

    [Fact]
    public void Undefined_macro_error_points_at_the_call()
    {
        Write("a.html", "x\n  {{ nomacro(1) }}");
        var e = Assert.Throws<TemplateException>(() => Engine().Render("a.html"));
        Assert.Equal((2, 6), (e.Line, e.Column));
        Assert.Contains("'nomacro' is undefined", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_parent_template_names_the_extends_tag_and_the_folders()
    {
        Write("a.html", "\n{% extends 'nope.html' %}");
        var e = Assert.Throws<TemplateException>(() => Engine().Render("a.html"));
        Assert.Equal(("a.html", 2), (e.TemplateName, e.Line));
        Assert.NotEmpty(e.SearchedFolders);
    }

    [Fact]
    public void Declared_pure_per_render_global_keeps_a_template_output_cached()
    {
        var engine = Engine();
        engine.DeclarePure("url_for");
        Write("a.html", "{{ url_for('x') }}");
        var calls = 0;
        var globals = new Dictionary<string, object?> { ["url_for"] = new TemplateFunction((a, _) => { calls++; return "/" + a[0]; }) };
        Assert.Equal("/x", engine.Render("a.html", null, globals));
        Assert.Equal("/x", engine.Render("a.html", null, globals));
        Assert.Equal(1, calls);
    }

    [Fact]
    public void Impure_filter_disables_the_output_cache()
    {
        var engine = Engine();
        var n = 0;
        engine.AddFilter("tick", _ => ++n, pure: false);
        Write("a.html", "{{ 1|tick }}");
        Assert.Equal("1", engine.Render("a.html"));
        Assert.Equal("2", engine.Render("a.html"));
    }

    [Fact]
    public void Output_cache_is_skipped_when_switched_off_globally()
    {
        var engine = Engine(o => o.OutputCacheEnabled = false);
        Write("a.html", "{{ n }}");
        engine.Render("a.html", new { n = 1 });
        Assert.Equal(0, engine.OutputCache.Count);
    }

    [Fact]
    public void Lazy_sequences_in_the_model_are_never_output_cached()
    {
        var engine = Engine();
        Write("a.html", "{% for i in xs %}{{ i }}{% endfor %}");
        var k = 0;
        IEnumerable<int> Xs() { yield return ++k; }
        Assert.Equal("1", engine.Render("a.html", new { xs = Xs() }));
        Assert.Equal("2", engine.Render("a.html", new { xs = Xs() }));
    }

    [Fact]
    public void Auto_reload_sees_a_changed_include_even_when_the_output_was_cached()
    {
        var engine = Engine(o => o.AutoReload = true);
        Write("inc.html", "one");
        Write("a.html", "[{% include 'inc.html' %}]");
        Assert.Equal("[one]", engine.Render("a.html"));
        Assert.Equal("[one]", engine.Render("a.html"));
        Write("inc.html", "two");
        File.SetLastWriteTimeUtc(Path.Combine(Folder, "inc.html"), DateTime.UtcNow.AddSeconds(5));
        Assert.Equal("[two]", engine.Render("a.html"));
    }

    [Fact]
    public void Deeply_nested_expressions_are_rejected_instead_of_overflowing_the_stack()
    {
        var e = Assert.Throws<TemplateException>(() => Engine().RenderString("{{ " + new string('(', 5000) + "1" + new string(')', 5000) + " }}"));
        Assert.Contains("nested too deeply", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Records_and_dictionaries_render_as_models()
    {
        Write("a.html", "{{ Age }} {{ first_name }}|{{ d.k }} {{ d['k'] }}");
        Assert.Equal("36 Ada|v v", Engine().Render("a.html", new User("Ada", 36) { Password = "p" }, new Dictionary<string, object?> { ["d"] = new Dictionary<string, int> { ["k"] = 0 }.ToDictionary(p => p.Key, p => (object?)"v") }));
    }

    [Fact]
    public void Imported_macros_see_per_render_globals_but_not_the_model_as_in_flask()
    {
        Write("_m.html", "{% macro link() %}{{ url_for('i') }}|{{ secret }}{% endmacro %}");
        Write("a.html", "{% import '_m.html' as m %}{{ m.link() }}");
        var globals = new Dictionary<string, object?> { ["url_for"] = new TemplateFunction((a, _) => "/" + a[0]) };
        Assert.Equal("/i|", Engine().Render("a.html", new { secret = "s" }, globals));
    }

    [Fact]
    public void The_model_shadows_per_render_globals_as_render_arguments_do_in_flask()
    {
        Write("a.html", "{{ title }}");
        Assert.Equal("model", Engine().Render("a.html", new { title = "model" }, new Dictionary<string, object?> { ["title"] = "global" }));
    }

    [Fact]
    public void Dates_print_and_format_as_in_python_whatever_the_culture()
    {
        var saved = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            Write("a.html", "{{ d }}|{{ d.strftime('%Y-%m-%d %H:%M %b %A') }}|{{ d.year }}|{{ day }}");
            Assert.Equal("2026-11-25 09:05:00|2026-11-25 09:05 Nov Wednesday|2026|2026-11-25",
                Engine().Render("a.html", new { d = new DateTime(2026, 11, 25, 9, 5, 0), day = new DateOnly(2026, 11, 25) }));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void Runaway_recursion_is_a_template_error_not_a_crash()
    {
        Write("m.html", "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}");
        Write("a.html", "{% include 'b.html' %}");
        Write("b.html", "{% include 'a.html' %}");
        var engine = Engine();
        Assert.Contains("recursion", Assert.Throws<TemplateException>(() => engine.Render("m.html")).Reason, StringComparison.Ordinal);
        Assert.Contains("recursion", Assert.Throws<TemplateException>(() => engine.Render("a.html")).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Aspnetcore_html_content_counts_as_markup()
    {
        Write("a.html", "{{ h }}{{ h|e }}");
        Assert.Equal("<i>x</i><i>x</i>", Engine().Render("a.html", new { h = new Microsoft.AspNetCore.Html.HtmlString("<i>x</i>") }));
    }

    [Fact]
    public void Folders_are_searched_in_order_and_all_are_listed_when_a_template_is_missing()
    {
        var second = Directory.CreateTempSubdirectory("micro-tpl2-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(second, "a.html"), "second");
            File.WriteAllText(Path.Combine(second, "b.html"), "only-second");
            Write("a.html", "first");
            var engine = Engine(o => o.Folders.Add(second));
            Assert.Equal(("first", "only-second"), (engine.Render("a.html"), engine.Render("b.html")));
            var e = Assert.Throws<TemplateException>(() => engine.Render("c.html"));
            Assert.Equal(2, e.SearchedFolders.Count);
        }
        finally
        {
            Directory.Delete(second, true);
        }
    }
}
