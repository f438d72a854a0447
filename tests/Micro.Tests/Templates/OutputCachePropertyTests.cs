using System.Collections;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Net;
using System.Text;
using System.Text.Json;
using CsCheck;
using Micro.Templates;
using Micro.Tests.Support;
using Microsoft.AspNetCore.Html;

namespace Micro.Tests.Templates;

/// <summary>
/// Over random models of many shapes and types, a render through the output cache prints exactly what the same
/// render without the cache prints: two renders whose output differs never share an entry.
/// </summary>
public sealed class OutputCachePropertyTests : TemplateFolderTests
{
    public enum Color { Red, Green }

    public enum Shade { Red, Green }

    public sealed record Pair(object? A, object? B);

    public record Base(object? X);

    public sealed record Derived(object? X, object? Y) : Base(X);

    public readonly record struct Cell(object? V);

    // Unkeyable: what prints is private state or ToString.
    public sealed class Money(int cents)
    {
        public string Currency => "EUR";

        public override string ToString() => cents.ToString(CultureInfo.InvariantCulture) + " " + Currency;
    }

    public sealed record Secret(string Label)
    {
        public int Value { get; init; }

        public override string ToString() => Label + "=" + Value.ToString(CultureInfo.InvariantCulture);
    }

    // Records whose own code reads state outside their fields (here a table beside the object): equal fields, different output.
    private static readonly ConditionalWeakTable<object, string> Texts = [];

    public sealed record Labelled(int Id)
    {
        public override string ToString() => Texts.TryGetValue(this, out var text) ? text : "";
    }

    public sealed record Computed(int Id)
    {
        public string V => Texts.TryGetValue(this, out var text) ? text : "";
    }

    public sealed record Fragment(int Id) : IHtmlContent
    {
        public void WriteTo(TextWriter writer, System.Text.Encodings.Web.HtmlEncoder encoder) =>
            writer.Write(Texts.TryGetValue(this, out var text) ? text : "");
    }

    private static T Tag<T>(T o, string text)
        where T : class
    {
        Texts.Add(o, text);
        return o;
    }

    public sealed class Pet
    {
        public string Name { get; set; } = "";
    }

    private static readonly string[] Strings = ["", "a", "b", "A", "<a>", "a b"];
    private static readonly string[] Keys = ["a", "b", "A"];
    private static readonly string[] Cultures = ["en-US", "sv-SE", "de-DE"];

    private static Gen<object?> Pick(params object?[] values) => Gen.Int[0, values.Length - 1].Select(i => values[i]);

    private static readonly Gen<object?> Leaf = Gen.Frequency<object?>(
        (3, Pick(null, true, false, 0, 1, -1, 1L, -1L, (short)1, (byte)1, 'a', 'b')),
        (3, Pick(0.0, -0.0, 1.0, 1.5, -1.5, double.NaN, 1e16, 0f, -0f, 1.5f)),
        (2, Pick(1m, 1.0m, 1.00m, 0m, decimal.Negate(0.0m), 0.0m, -2.5m)),
        (4, Gen.Int[0, Strings.Length - 1].Select(i => (object?)Strings[i])),
        (1, Pick(new Markup("a"), new Markup("<a>"), new Markup(""))),
        (2, Pick(
            new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Local),
            new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Unspecified), new DateTime(2026, 1, 2, 3, 4, 5, 1, DateTimeKind.Utc),
            new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), new DateTimeOffset(2026, 1, 2, 4, 4, 5, TimeSpan.FromHours(1)),
            new DateOnly(2026, 1, 2), new TimeOnly(3, 4, 5), TimeSpan.FromSeconds(90), Guid.Empty, new Guid("00000000-0000-0000-0000-000000000001"))),
        (2, Pick(Color.Red, Color.Green, Shade.Red, Shade.Green)));

    private static readonly Gen<object?> Unkeyable = Gen.Int[0, 2].SelectMany(i => Pick(
        new StringBuilder("s" + i, 16),
        JsonDocument.Parse($"[{i}]").RootElement.Clone(),
        new Money(i),
        new Secret("k") { Value = i },
        new HtmlContentBuilder().AppendHtml("<i>" + i + "</i>"),
        Enumerable.Range(0, i).Select(x => x * 2),
        IPAddress.Parse("10.0.0." + i),
        new Pet { Name = "p" + i },
        Tag(new Labelled(0), "l" + i),
        Tag(new Computed(0), "c" + i),
        Tag(new Fragment(0), "<f>" + i)));

    private static Gen<object?> Value(int depth) => depth <= 0
        ? Gen.Frequency<object?>((6, Leaf), (1, Unkeyable))
        : Gen.Frequency<object?>((5, Leaf), (1, Unkeyable), (4, Container(depth - 1)));

    private static Gen<object?> Container(int depth)
    {
        var item = Value(depth);
        var key = Gen.Int[0, Keys.Length - 1].Select(i => Keys[i]);
        return Gen.OneOf(
            item.List[0, 3].Select(l => (object?)l),
            item.Array[0, 3].Select(a => (object?)a),
            Gen.Int[-1, 1].List[0, 3].Select(l => (object?)l),
            Gen.Int[-1, 1].Array[0, 3].Select(a => (object?)a),
            Gen.Select(key.List[0, 3], item.List[3], Gen.Bool, (ks, vs, folded) =>
            {
                var d = folded ? new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase) : new Dictionary<string, object?>();
                for (var i = 0; i < ks.Count; i++)
                {
                    d[ks[i]] = vs[i];
                }

                return (object?)d;
            }),
            Gen.Select(item, item, (a, b) => (object?)new Pair(a, b)),
            Gen.Select(item, item, (a, b) => (object?)new Derived(a, b)),
            item.Select(v => (object?)new Base(v)),
            item.Select(v => (object?)new Cell(v)),
            Gen.Select(item, item, (a, b) => (object?)new { a, b }),
            item.Select(a => (object?)new { a }),
            Gen.Select(item, item, (a, b) => (object?)(a, b)),
            item.List[0, 2].Select(l => (object?)new ReadOnlyCollection<object?>(l)),
            key.List[0, 3].Select(l => (object?)new HashSet<string>(l)));
    }

    // An equal value that is not the same object (collections compare by identity in records and with ==).
    private static object? Copy(object? v) => v switch
    {
        List<object?> l => l.Select(Copy).ToList(),
        object?[] a => a.Select(Copy).ToArray(),
        List<int> l => new List<int>(l),
        int[] a => (int[])a.Clone(),
        Dictionary<string, object?> d => new Dictionary<string, object?>(d.ToDictionary(p => p.Key, p => Copy(p.Value)), d.Comparer),
        Pair p => new Pair(Copy(p.A), Copy(p.B)),
        Derived d => new Derived(Copy(d.X), Copy(d.Y)),
        Base b => new Base(Copy(b.X)),
        Cell c => new Cell(Copy(c.V)),
        ValueTuple<object?, object?> t => (Copy(t.Item1), Copy(t.Item2)),
        string s => new string(s.AsSpan()),
        _ => v,
    };

    /// <summary>One render: the two variables (the second the first, a copy of it or another value) and the culture.</summary>
    public sealed record Case(object? V, object? W, string Culture)
    {
        public override string ToString() => $"v={Describe(V)} w={Describe(W)} same={ReferenceEquals(V, W)} culture={Culture}";
    }

    private static readonly Gen<Case> Cases =
        Gen.Select(Value(3), Gen.Int[0, 2], Value(2), Gen.Int[0, Cultures.Length - 1], (v, how, other, culture) =>
            new Case(v, how switch { 0 => v, 1 => Copy(v), _ => other }, Cultures[culture]));

    private const string Template =
        "{% macro show(x) %}{% if x is mapping %}{{ '{' }}{% for k in x %}{{ show(k) }}:{{ show(x[k]) }},{% endfor %}}{{ x['A'] is defined }}"
        + "{% elif x is string %}'{{ x }}'{% elif x is iterable %}[{% for i in x %}{{ show(i) }},{% endfor %}]{{ x|length }}"
        + "{% elif x is number %}{{ x }}:{{ x > 0 }}{% else %}{{ x }}"
        // The members of the records, anonymous types and tuples generated (names match case-insensitively).
        + "{% for m in ['a', 'b', 'x', 'y', 'v', 'item1', 'item2'] %}{% if x[m] is defined %}({{ m }}={{ show(x[m]) }}){% endif %}{% endfor %}"
        + "{% endif %}{% endmacro %}"
        + "{{ v }}#{{ w }}#{{ v == w }}#{{ show(v) }}#{{ show(w) }}"
        + "#{% if w is iterable and w is not string %}{{ v in w }}{% endif %}";

    private static string Outcome(Func<string> render)
    {
        try
        {
            return render();
        }
        catch (Exception e)
        {
            return "error: " + e.GetType().Name + ": " + e.Message;
        }
    }

    [Fact]
    public void A_cached_render_always_prints_what_an_uncached_render_prints()
    {
        Write("p.html", Template);
        using var cached = Engine();
        using var fresh = Engine();
        // Sequences of renders through one cache: earlier entries are there to be (wrongly) served to later ones.
        Cases.List[1, 6].Sample(
            renders =>
            {
                var saved = CultureInfo.CurrentCulture;
                try
                {
                    foreach (var c in renders)
                    {
                        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(c.Culture);
                        var model = new { v = c.V, w = c.W };
                        var expected = Outcome(() => fresh.Render("p.html", model, outputCache: false));
                        Assert.Equal(expected, Outcome(() => cached.Render("p.html", model)));
                    }
                }
                finally
                {
                    CultureInfo.CurrentCulture = saved;
                }
            },
            iter: 2000,
            print: renders => string.Join("\n", renders));
        Assert.True(cached.OutputCache.Count > 0); // the cache was used, not only refused
    }

    private static string Describe(object? v) => v switch
    {
        null => "null",
        string s => '"' + s + '"',
        IDictionary d => "{" + string.Join(", ", d.Keys.Cast<object?>().Select(k => Describe(k) + ": " + Describe(d[k!]))) + "}",
        IEnumerable e and not IHtmlContent => v.GetType().Name + "[" + string.Join(", ", e.Cast<object?>().Select(Describe)) + "]",
        _ => v.GetType().Name + "(" + Convert.ToString(v, CultureInfo.InvariantCulture) + ")",
    };
}
