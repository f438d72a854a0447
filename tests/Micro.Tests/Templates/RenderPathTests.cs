using System.Diagnostics.Metrics;
using Micro.Templates;
using Micro.Tests.Support;

namespace Micro.Tests.Templates;

/// <summary>The fast paths of a render (inline attribute caches, direct loop bodies, the output cache's key) give the same results as the general ones.</summary>
public sealed class RenderPathTests : TemplateFolderTests
{
    public sealed record Person(string Name, int Age);

    public sealed class Pet
    {
        public string Name { get; init; } = "";
    }

    public sealed class Named(string name)
    {
        public string name { get; } = name;
    }

    [Fact]
    public void One_attribute_site_resolves_each_kind_of_value_it_meets()
    {
        // The same {{ x.name }} sees records, classes with other member spellings, dictionaries and strings in turn.
        Write("a.html", "{% for x in xs %}{{ x.name }};{% endfor %}");
        object?[] xs =
        [
            new Person("Ann", 3), new Pet { Name = "Rex" }, new Person("Bo", 4),
            new Dictionary<string, object?> { ["name"] = "dict" }, new Named("lower"), "str", new Pet { Name = "Tom" },
        ];
        var engine = Engine();
        for (var round = 0; round < 3; round++)
        {
            Assert.Equal("Ann;Rex;Bo;dict;lower;;Tom;", engine.Render("a.html", new { xs }, outputCache: false));
        }
    }

    [Fact]
    public void A_missing_attribute_after_a_cached_one_is_still_undefined()
    {
        Write("a.html", "{% for x in xs %}[{{ x.age }}]{% endfor %}");
        object[] xs = [new Person("Ann", 3), new Pet { Name = "Rex" }, new Person("Bo", 4)];
        Assert.Equal("[3][][4]", Engine().Render("a.html", new { xs }, outputCache: false));
    }

    [Fact]
    public void Integers_read_from_models_are_python_ints()
    {
        Write("a.html", "{% for p in people %}{{ p.age / 2 }} {{ p.age // 2 }} {{ p.age is integer }};{% endfor %}");
        Assert.Equal("1.5 1 True;2.0 2 True;", Engine().Render("a.html", new { people = new[] { new Person("A", 3), new Person("B", 4) } }));
    }

    [Fact]
    public void Loop_iterations_are_limited_across_all_loops_of_a_render()
    {
        Write("ok.html", "{% for a in range(2) %}{% for b in range(2) %}.{% endfor %}{% endfor %}");
        Write("a.html", "{% for a in range(3) %}{% for b in range(3) %}.{% endfor %}{% endfor %}");
        var engine = Engine(o => o.MaxLoopIterations = 6);
        Assert.Equal("....", engine.Render("ok.html"));
        var e = Assert.Throws<TemplateException>(() => engine.Render("a.html"));
        Assert.Contains("iteration limit", e.Message, StringComparison.Ordinal);
        Assert.Equal("a.html", e.TemplateName);
        Assert.Equal("....", engine.Render("ok.html"));
    }

    [Fact]
    public void A_loop_body_of_text_and_values_writes_the_same_as_one_with_tags()
    {
        Write("plain.html", "{% for p in people %}<li>{{ p.name }}</li>{% endfor %}");
        Write("tagged.html", "{% for p in people %}<li>{% if true %}{{ p.name }}{% endif %}</li>{% endfor %}");
        var model = new { people = new[] { new Person("<Ann>", 1), new Person("Bo & Co", 2) } };
        var engine = Engine();
        Assert.Equal("<li>&lt;Ann&gt;</li><li>Bo &amp; Co</li>", engine.Render("plain.html", model));
        Assert.Equal(engine.Render("plain.html", model), engine.Render("tagged.html", model));
    }

    [Fact]
    public void An_error_in_a_loop_row_names_its_line_and_column()
    {
        Write("a.html", "<table>\n{% for p in people %}<tr><td>{{ p.name }}</td>\n<td>{{ p.missing.deeper }}</td></tr>{% endfor %}");
        var e = Assert.Throws<TemplateException>(() => Engine().Render("a.html", new { people = new[] { new Person("A", 1) } }));
        Assert.Equal(("a.html", 3), (e.TemplateName, e.Line));
        Assert.Contains("missing", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0, -0.0)]
    [InlineData(1.0, 1.5)]
    public void Output_cache_tells_apart_numbers_that_print_differently(double a, double b)
    {
        Write("a.html", "{{ v }}");
        var engine = Engine();
        var first = engine.Render("a.html", new { v = a });
        var second = engine.Render("a.html", new { v = b });
        Assert.NotEqual(first, second);
        Assert.Equal(first, engine.Render("a.html", new { v = a }));
    }

    [Fact]
    public void Output_cache_tells_apart_an_int_a_float_and_a_decimal_of_the_same_value()
    {
        Write("a.html", "{{ v }}");
        var engine = Engine();
        Assert.Equal("1", engine.Render("a.html", new { v = 1 }));
        Assert.Equal("1.0", engine.Render("a.html", new { v = 1.0 }));
        Assert.Equal("1", engine.Render("a.html", new { v = 1 }));
        Assert.Equal("1.0", engine.Render("a.html", new { v = 1.0m }));
        Assert.Equal("1.00", engine.Render("a.html", new { v = 1.00m }));
    }

    [Fact]
    public void Output_cache_compares_whole_rows_not_just_their_hash()
    {
        Write("a.html", "{% for p in people %}{{ p.name }}{{ p.age }};{% endfor %}");
        var engine = Engine();
        var rows = Enumerable.Range(0, 50).Select(i => new Person("p" + i, i)).ToList();
        var page = engine.Render("a.html", new { people = rows });
        for (var i = 0; i < rows.Count; i++)
        {
            var changed = rows.ToList();
            changed[i] = changed[i] with { Age = -1 };
            Assert.Contains($"p{i}-1;", engine.Render("a.html", new { people = changed }), StringComparison.Ordinal);
        }

        Assert.Equal(page, engine.Render("a.html", new { people = rows }));
    }

    [Fact]
    public void Output_cache_tells_apart_a_list_and_its_prefix_or_extension()
    {
        // The last stored render is checked value by value first; one more or one fewer row must not match it.
        Write("a.html", "{% for x in xs %}{{ x }},{% endfor %}");
        var engine = Engine();
        Assert.Equal("1,2,", engine.Render("a.html", new { xs = new List<int> { 1, 2 } }));
        Assert.Equal("1,2,3,", engine.Render("a.html", new { xs = new List<int> { 1, 2, 3 } }));
        Assert.Equal("1,2,", engine.Render("a.html", new { xs = new List<int> { 1, 2 } }));
        Assert.Equal("1,", engine.Render("a.html", new { xs = new List<int> { 1 } }));
        Assert.Equal("1,2,", engine.Render("a.html", new { xs = new[] { 1, 2 } }));
        Assert.Equal("", engine.Render("a.html", new { xs = new List<int>() }));
        Assert.Equal("1,", engine.Render("a.html", new { xs = new List<int> { 1 } }));
    }

    // Vouched for, so the cache reads its getters to build a key (and the one below renders meanwhile).
    [OutputCacheable]
    public sealed class Rendering(TemplateEngine engine)
    {
        // Read first, then the getter below renders: what tells a and b apart is read before the inner render.
        public string Name { get; init; } = "";

        public string Inner => engine.Render("inner.html", new { v = "x" });
    }

    [Fact]
    public void A_model_getter_that_renders_does_not_disturb_the_key_being_read()
    {
        // The cache reads a vouched type's getters to build its key; this one renders (with the cache) meanwhile.
        Write("inner.html", "<{{ v }}>");
        Write("outer.html", "{{ m.name }}|{{ m.inner }}");
        var engine = Engine();
        var a = new Rendering(engine) { Name = "a" };
        var b = new Rendering(engine) { Name = "b" };
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("a|&lt;x&gt;", engine.Render("outer.html", new { m = a }));
            Assert.Equal("b|&lt;x&gt;", engine.Render("outer.html", new { m = b }));
        }
    }

    [OutputCacheable]
    public sealed class ReadsAnotherKey
    {
        public string Name { get; init; } = "";

        // As a getter that renders with the output cache does: the key reader is used again meanwhile.
        public string Other
        {
            get
            {
                Micro.Templates.Caching.ModelKey.Probe(99, new { z = 1 }, 4096, out _);
                Micro.Templates.Caching.ModelKey.Release();
                return "same";
            }
        }
    }

    [Fact]
    public void Reading_a_key_inside_a_key_keeps_the_outer_one_whole()
    {
        var a = Micro.Templates.Caching.ModelKey.Probe(1, new ReadsAnotherKey { Name = "a" }, 4096, out _)!.Freeze();
        Micro.Templates.Caching.ModelKey.Release();
        var b = Micro.Templates.Caching.ModelKey.Probe(1, new ReadsAnotherKey { Name = "b" }, 4096, out _)!.Freeze();
        Micro.Templates.Caching.ModelKey.Release();
        var a2 = Micro.Templates.Caching.ModelKey.Probe(1, new ReadsAnotherKey { Name = "a" }, 4096, out _)!.Freeze();
        Micro.Templates.Caching.ModelKey.Release();
        Assert.NotEqual(a, b);
        Assert.Equal(a, a2);
        Assert.Equal(5, a.Count); // the culture, the type, Name, Other, the end of the object
        Assert.True(Micro.Templates.Caching.ModelKey.Matches(new ReadsAnotherKey { Name = "a" }, a, 4096));
        Assert.False(Micro.Templates.Caching.ModelKey.Matches(new ReadsAnotherKey { Name = "b" }, a, 4096));
    }

    [Fact]
    public void A_render_inside_a_render_does_not_disturb_the_outer_cache_key()
    {
        var engine = Engine();
        Write("inner.html", "<{{ v }}>");
        Write("outer.html", "{{ inner(v) }}|{{ v }}");
        engine.AddGlobal("inner", new TemplateFunction((args, _) => new Markup(engine.Render("inner.html", new { v = args[0] }))), pure: true);
        Assert.Equal("<a>|a", engine.Render("outer.html", new { v = "a" }));
        Assert.Equal("<b>|b", engine.Render("outer.html", new { v = "b" }));
        Assert.Equal("<a>|a", engine.Render("outer.html", new { v = "a" }));
    }

    [Fact]
    public void Full_output_cache_refuses_or_evicts_and_counts_it()
    {
        long evictions = 0;
        using var listener = new MeterListener();
        TemplateEngine? engine = null;
        listener.InstrumentPublished = (i, l) =>
        {
            if (i.Meter.Name == TemplateEngine.MeterName && i.Name.EndsWith("evictions", StringComparison.Ordinal))
            {
                l.EnableMeasurementEvents(i);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, v, _, _) =>
        {
            if (ReferenceEquals(i.Meter.Scope, engine))
            {
                Interlocked.Add(ref evictions, v);
            }
        });
        listener.Start();
        engine = Engine(o => o.OutputCacheSizeBytes = 3000);
        Write("a.html", "{{ n }}{{ 'x' * 500 }}");
        for (var i = 0; i < 20; i++)
        {
            engine.Render("a.html", new { n = i });
        }

        Assert.True(engine.OutputCache.SizeBytes <= 3000);
        // MemoryCache reports refused and compacted entries from the thread pool, after Set returns.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Interlocked.Read(ref evictions) == 0 && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(10);
        }

        Assert.True(Interlocked.Read(ref evictions) > 0);
    }
}
