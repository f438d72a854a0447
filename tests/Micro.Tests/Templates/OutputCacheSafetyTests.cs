using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Micro.Templates;
using Micro.Tests.Support;
using Microsoft.AspNetCore.Html;

namespace Micro.Tests.Templates;

/// <summary>
/// The output cache never serves one render's output for another whose output differs: values it cannot key exactly
/// make the render uncacheable (rendered fresh and counted), and keying runs no code of the model's.
/// </summary>
public sealed class OutputCacheSafetyTests : TemplateFolderTests
{
    /// <summary>Renders <paramref name="first"/> then <paramref name="second"/> with the cache on, and each with it off.</summary>
    private (string First, string Second, string FirstFresh, string SecondFresh) RenderBoth(string template, object first, object second)
    {
        Write("p.html", template);
        var engine = Engine();
        var a = engine.Render("p.html", first);
        var b = engine.Render("p.html", second);
        var fresh = Engine();
        return (a, b, fresh.Render("p.html", first, outputCache: false), fresh.Render("p.html", second, outputCache: false));
    }

    private void AssertNotShared(string template, object first, object second)
    {
        var (a, b, freshA, freshB) = RenderBoth(template, first, second);
        Assert.NotEqual(freshA, freshB); // the two renders print differently...
        Assert.Equal(freshA, a);
        Assert.Equal(freshB, b); // ... so the second must not be served the first's output.
    }

    [Fact]
    public void A_JsonElement_is_never_served_to_another_render()
    {
        // A JsonElement prints its JSON (ToString); its only public member is ValueKind.
        using var one = JsonDocument.Parse("""{"user":"ann","card":"1111"}""");
        using var two = JsonDocument.Parse("""{"user":"bob","card":"2222"}""");
        AssertNotShared("{{ data }}", new { data = one.RootElement }, new { data = two.RootElement });
    }

    [Fact]
    public void A_StringBuilder_is_never_served_to_another_render()
    {
        // Same length and capacity: the public members agree, the text does not.
        AssertNotShared("{{ sb }}", new { sb = new StringBuilder("ann", 16) }, new { sb = new StringBuilder("bob", 16) });
    }

    [Fact]
    public void An_IHtmlContent_builder_is_never_served_to_another_render()
    {
        // IHtmlContent prints as markup (what it writes); the builder's public members are only Count.
        var ann = new HtmlContentBuilder().AppendHtml("<b>ann</b>");
        var bob = new HtmlContentBuilder().AppendHtml("<b>bob</b>");
        AssertNotShared("{{ html }}", new { html = ann }, new { html = bob });
    }

    public sealed class Money(decimal amount, string currency)
    {
        public string Currency => currency;

        public override string ToString() => amount.ToString(CultureInfo.InvariantCulture) + " " + currency;
    }

    [Fact]
    public void A_value_object_with_private_state_and_ToString_is_never_served_to_another_render()
    {
        AssertNotShared("{{ price }}", new { price = new Money(5m, "EUR") }, new { price = new Money(500m, "EUR") });
    }

    public sealed record Secret(string Label)
    {
        private readonly string _value = "";

        public Secret(string label, string value)
            : this(label) => _value = value;

        public override string ToString() => _value;
    }

    [Fact]
    public void A_record_whose_ToString_reads_private_state_is_never_served_to_another_render()
    {
        AssertNotShared("{{ s }}", new { s = new Secret("card", "1111") }, new { s = new Secret("card", "2222") });
    }

    public sealed record Balance(int N);

    [Fact]
    public void A_record_prints_in_the_current_culture_so_the_culture_is_part_of_the_key()
    {
        // A record's ToString formats its numbers in the current culture: Swedish writes U+2212 for minus.
        Write("p.html", "{{ c }}");
        var engine = Engine();
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("en-US");
            Assert.Equal("Balance { N = -1 }", engine.Render("p.html", new { c = new Balance(-1) }));
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("sv-SE");
            Assert.Equal("Balance { N = \u22121 }", engine.Render("p.html", new { c = new Balance(-1) }));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void An_IPAddress_in_the_model_renders_instead_of_failing_on_a_getter_the_template_never_reads()
    {
        // IPAddress.ScopeId throws for IPv4 addresses: reading every getter to build a key was a 500.
        Write("p.html", "{{ ip }}");
        var engine = Engine();
        Assert.Equal("10.0.0.1", engine.Render("p.html", new { ip = IPAddress.Parse("10.0.0.1") }));
        Assert.Equal("10.0.0.2", engine.Render("p.html", new { ip = IPAddress.Parse("10.0.0.2") }));
    }

    public sealed class Entity
    {
        private int _nameReads;
        private int _postLoads;

        public string Name
        {
            get
            {
                _nameReads++;
                return "ann";
            }
        }

        // Like an ORM's lazy navigation property: reading it costs a query.
        public IReadOnlyList<string> Posts
        {
            get
            {
                _postLoads++;
                return ["a", "b"];
            }
        }

        public int NameReads() => _nameReads;

        public int PostLoads() => _postLoads;
    }

    [Fact]
    public void Keying_never_runs_a_getter_the_template_does_not_run()
    {
        Write("p.html", "{{ e.name }}");
        var engine = Engine();
        var e = new Entity();
        Assert.Equal("ann", engine.Render("p.html", new { e }));
        Assert.Equal((1, 0), (e.NameReads(), e.PostLoads()));
        Assert.Equal("ann", engine.Render("p.html", new { e }));
        Assert.Equal((2, 0), (e.NameReads(), e.PostLoads()));
    }

    [Fact]
    public void Two_mappings_that_differ_in_one_value_are_told_apart()
    {
        // Dictionaries compare by value, as Python's do: an equal copy is `==`, a copy with one value changed is not.
        var d = new Dictionary<string, object?> { ["k"] = 1 };
        var copy = new Dictionary<string, object?>(d);
        var changed = new Dictionary<string, object?>(d) { ["k"] = 2 };
        AssertNotShared("{{ a == b }}", new { a = d, b = copy }, new { a = d, b = changed });
    }

    public sealed record Holder(List<int> Items);

    [Fact]
    public void Records_holding_the_same_list_or_equal_lists_are_told_apart()
    {
        // A record's Equals compares a list field by reference.
        var xs = new List<int> { 1 };
        AssertNotShared("{{ a == b }}", new { a = new Holder(xs), b = new Holder(xs) }, new { a = new Holder(xs), b = new Holder([1]) });
    }

    [Fact]
    public void A_template_that_tests_identity_is_not_output_cached()
    {
        var s = "ann";
        AssertNotShared("{{ a is sameas b }}", new { a = s, b = s }, new { a = s, b = new string(s.AsSpan()) });
    }

    [Fact]
    public void A_dictionary_keyed_ignoring_case_is_told_apart_from_an_ordinal_one()
    {
        var ordinal = new Dictionary<string, object?> { ["name"] = "ann" };
        var folded = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase) { ["name"] = "ann" };
        AssertNotShared("{{ d['NAME'] is defined }}", new { d = ordinal }, new { d = folded });
    }

    [Fact]
    public void A_template_that_selects_by_identity_is_not_output_cached()
    {
        var s = "ann";
        AssertNotShared("{{ xs|select('sameas', a)|list|length }}", new { a = s, xs = new[] { s } }, new { a = new string(s.AsSpan()), xs = new[] { s } });
    }

    [OutputCacheable]
    public sealed class Price(decimal amount, string currency)
    {
        public decimal Amount { get; } = amount;

        public string Currency { get; } = currency;

        public object? Note { get; init; }

        public override string ToString() => Amount.ToString("0.00", CultureInfo.InvariantCulture) + " " + Currency;
    }

    public sealed class DiscountedPrice(decimal amount, string currency, decimal discount)
    {
        public decimal Amount { get; } = amount - discount;

        public string Currency { get; } = currency;

        public override string ToString() => Amount.ToString("0.00", CultureInfo.InvariantCulture) + " " + Currency;
    }

    [Fact]
    public void A_type_vouched_for_is_keyed_by_its_public_members()
    {
        Write("p.html", "{{ p }}");
        var engine = Engine();
        Assert.Equal("5.00 EUR", engine.Render("p.html", new { p = new Price(5m, "EUR") }));
        Assert.Equal("5.00 EUR", engine.Render("p.html", new { p = new Price(5m, "EUR") }));
        Assert.Equal("6.00 EUR", engine.Render("p.html", new { p = new Price(6m, "EUR") }));
        Assert.Equal("5.00 USD", engine.Render("p.html", new { p = new Price(5m, "USD") }));
        Assert.Equal(3, engine.OutputCache.Count);
    }

    [Fact]
    public void Vouching_for_a_type_does_not_vouch_for_the_values_it_holds()
    {
        Write("p.html", "{{ p.note }}");
        var engine = Engine();
        Assert.Equal("a", engine.Render("p.html", new { p = new Price(5m, "EUR") { Note = new StringBuilder("a") } }));
        Assert.Equal("b", engine.Render("p.html", new { p = new Price(5m, "EUR") { Note = new StringBuilder("b") } }));
        Assert.Equal(0, engine.OutputCache.Count);
    }

    [Fact]
    public void An_unvouched_class_is_rendered_fresh_even_when_it_looks_like_one_that_is()
    {
        Write("p.html", "{{ p }}");
        var engine = Engine();
        engine.Render("p.html", new { p = new DiscountedPrice(5m, "EUR", 1m) });
        Assert.Equal(0, engine.OutputCache.Count);
    }

    public readonly record struct Point(int X, int Y);

    public record Animal(string Name);

    public sealed record Dog(string Name, bool Good) : Animal(Name);

    [Fact]
    public void Record_structs_derived_records_tuples_and_read_only_views_of_plain_data_are_cacheable()
    {
        Write("p.html", "{{ p }}|{{ d }}|{{ t }}|{{ r|join(',') }}|{{ kv.key }}");
        var engine = Engine();
        object Model(int n) => new
        {
            p = new Point(n, 2),
            d = new Dog("rex", n > 0),
            t = (n, "x"),
            r = new List<int> { n }.AsReadOnly(),
            kv = new KeyValuePair<string, int>("k" + n, n),
        };
        Assert.Equal("Point { X = 1, Y = 2 }|Dog { Name = rex, Good = True }|(1, x)|1|k1", engine.Render("p.html", Model(1)));
        Assert.Equal("Point { X = 0, Y = 2 }|Dog { Name = rex, Good = False }|(0, x)|0|k0", engine.Render("p.html", Model(0)));
        Assert.Equal("Point { X = 1, Y = 2 }|Dog { Name = rex, Good = True }|(1, x)|1|k1", engine.Render("p.html", Model(1)));
        Assert.Equal(2, engine.OutputCache.Count);
    }

    // A list of the application's: its indexer and enumerator are code the key would have to run.
    public sealed class Shelf : System.Collections.ObjectModel.Collection<string>
    {
    }

    [Fact]
    public void A_read_only_view_of_an_application_collection_is_rendered_fresh()
    {
        Write("p.html", "{{ r|join(',') }}");
        var engine = Engine();
        Assert.Equal("a", engine.Render("p.html", new { r = new System.Collections.ObjectModel.ReadOnlyCollection<string>(new Shelf { "a" }) }));
        Assert.Equal(0, engine.OutputCache.Count);
    }

    public sealed record Window(int Start, int Length)
    {
        // A computed property could read anything (the clock, a static, a database): such a record is not keyed.
        public int End => Start + Length + s_offset;

        private static int s_offset;

        public static void Shift() => s_offset++;
    }

    [Fact]
    public void A_record_with_a_computed_property_is_rendered_fresh()
    {
        Write("p.html", "{{ s.end }}");
        var engine = Engine();
        Assert.Equal("3", engine.Render("p.html", new { s = new Window(1, 2) }));
        Window.Shift();
        Assert.Equal("4", engine.Render("p.html", new { s = new Window(1, 2) }));
    }

    public sealed record Fortune(int Id, string Message);

    [Fact]
    public void Records_anonymous_types_lists_and_dictionaries_of_plain_values_stay_cacheable()
    {
        Write("p.html", "{% for f in fortunes %}{{ f.id }}:{{ f.message }};{% endfor %}{{ meta.title }}{{ tags|join(',') }}{{ extra.k }}");
        var (hits, misses, uncacheable) = (0L, 0L, 0L);
        TemplateEngine? engine = null;
        using var listener = Listen(() => engine, (name, v) =>
        {
            if (name.EndsWith(".hits", StringComparison.Ordinal)) { hits += v; }
            if (name.EndsWith(".misses", StringComparison.Ordinal)) { misses += v; }
            if (name.EndsWith(".uncacheable", StringComparison.Ordinal)) { uncacheable += v; }
        });
        engine = Engine();
        object Model() => new
        {
            fortunes = new List<Fortune> { new(1, "a"), new(2, "<b>") },
            meta = new { title = "T", when = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), id = Guid.Empty, ratio = 0.5, n = (long?)null },
            tags = new[] { "x", "y" },
            extra = new Dictionary<string, object?> { ["k"] = 1.5m },
        };
        var page = engine.Render("p.html", Model());
        Assert.Equal("1:a;2:&lt;b&gt;;Tx,y1.5", page);
        Assert.Equal(page, engine.Render("p.html", Model()));
        Assert.Equal(page, engine.Render("p.html", Model()));
        Assert.Equal((2L, 1L, 0L), (hits, misses, uncacheable));
    }

    [Fact]
    public void An_unkeyable_model_is_rendered_fresh_and_counted()
    {
        Write("p.html", "{{ sb }}");
        var (hits, misses, uncacheable) = (0L, 0L, 0L);
        TemplateEngine? engine = null;
        using var listener = Listen(() => engine, (name, v) =>
        {
            if (name.EndsWith(".hits", StringComparison.Ordinal)) { hits += v; }
            if (name.EndsWith(".misses", StringComparison.Ordinal)) { misses += v; }
            if (name.EndsWith(".uncacheable", StringComparison.Ordinal)) { uncacheable += v; }
        });
        engine = Engine();
        engine.Render("p.html", new { sb = new StringBuilder("a") });
        engine.Render("p.html", new { sb = new StringBuilder("a") });
        Assert.Equal((0L, 0L, 2L), (hits, misses, uncacheable));
        Assert.Equal(0, engine.OutputCache.Count);
    }

    [Fact]
    public void A_cache_hit_on_the_last_entry_allocates_nothing()
    {
        // The page many visitors see: the model is compared with the last entry as it is read, with no boxing.
        Write("p.html", "{% for f in fortunes %}<tr><td>{{ f.id }}</td><td>{{ f.message }}</td></tr>{% endfor %}");
        var engine = Engine();
        var rows = Enumerable.Range(0, 13).Select(i => new Fortune(i, "message " + i)).ToList();
        var model = new { fortunes = rows };
        var page = engine.Render("p.html", model);
        for (var i = 0; i < 100; i++)
        {
            Assert.Same(page, engine.Render("p.html", model));
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            engine.Render("p.html", model);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static MeterListener Listen(Func<TemplateEngine?> engine, Action<string, long> onMeasurement)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (i, l) =>
            {
                if (i.Meter.Name == TemplateEngine.MeterName)
                {
                    l.EnableMeasurementEvents(i);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((i, v, _, _) =>
        {
            if (ReferenceEquals(i.Meter.Scope, engine()))
            {
                onMeasurement(i.Name, v);
            }
        });
        listener.Start();
        return listener;
    }
}
