using System.Net;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using BenchmarkDotNet.Attributes;
using Fluid;
using Micro.Templates;
using Benchmarks.Fortunes;
using Minimal.Benchmarks.App;
using Scriban.Runtime;

namespace Micro.Benchmarks;

/// <summary>
/// Time and allocations of one render of TechEmpower's Fortunes page (13 rows, escaped), no HTTP: Micro's
/// <see cref="TemplateEngine"/> with the output cache off and on a cache hit, against the hand-written
/// <c>StringBuilder</c> code of the Minimal APIs app (the baseline), Scriban used directly on an
/// equivalent Scriban template, and Fluid (Liquid) on an equivalent Liquid template. Each render starts from
/// the same 13-row list; loading and sorting the rows is not measured.
/// </summary>
/// <remarks>
/// Micro's and the hand-written page are the same bytes (checked in setup). Scriban's <c>html.escape</c>
/// (<c>&amp;quot;</c>) and Fluid's <c>HtmlEncoder</c> (<c>&amp;quot; &amp;#x27; &amp;#x2B;</c>) spell a few character
/// references differently from Jinja (<c>&amp;#34; &amp;#39;</c>, <c>+</c> as is): their pages are checked to decode to
/// the same text.
/// </remarks>
[Config(typeof(ShortConfig))]
public class TemplateBenchmarks
{
    private const string ScribanSource =
        "<!DOCTYPE html><html><head><title>Fortunes</title></head><body><table><tr><th>id</th><th>message</th></tr>" +
        "{{ for fortune in fortunes }}<tr><td>{{ fortune.id }}</td><td>{{ fortune.message | html.escape }}</td></tr>{{ end }}" +
        "</table></body></html>";

    private const string LiquidSource =
        "<!DOCTYPE html><html><head><title>Fortunes</title></head><body><table><tr><th>id</th><th>message</th></tr>" +
        "{% for fortune in fortunes %}<tr><td>{{ fortune.Id }}</td><td>{{ fortune.Message }}</td></tr>{% endfor %}" +
        "</table></body></html>";

    private List<Fortune> _fortunes = null!;
    private object _model = null!;
    private TemplateEngine _micro = null!;
    private Scriban.Template _scriban = null!;
    private ScriptObject _scribanGlobals = null!;
    private IFluidTemplate _fluid = null!;
    private TemplateOptions _fluidOptions = null!;
    private HtmlEncoder _fluidEncoder = null!;

    [GlobalSetup]
    public void Setup()
    {
        _fortunes = Fortunes.Load();
        _model = new { fortunes = _fortunes };
        // The Micro benchmark app's own template, copied to this program's output folder.
        var options = new TemplateEngineOptions();
        options.Folders.Clear();
        options.Folders.Add(Path.Combine(AppContext.BaseDirectory, "templates"));
        _micro = new TemplateEngine(options);

        _scriban = Scriban.Template.Parse(ScribanSource);
        if (_scriban.HasErrors)
        {
            throw new InvalidOperationException(string.Join("; ", _scriban.Messages));
        }

        _scribanGlobals = new ScriptObject();
        _scribanGlobals.Import(_model);

        _fluid = new FluidParser().Parse(LiquidSource);
        _fluidOptions = new TemplateOptions();
        _fluidOptions.MemberAccessStrategy.Register<Fortune>();
        _fluidEncoder = HtmlEncoder.Create(UnicodeRanges.All);

        var expected = HandWritten();
        Expect("Micro, cache off", MicroCacheOff(), expected);
        Expect("Micro, cache hit", MicroCacheHit(), expected);
        Expect("Micro, cache hit (second)", MicroCacheHit(), expected);
        ExpectEquivalent("Scriban", ScribanRender(), expected);
        ExpectEquivalent("Scriban, prepared globals", ScribanPreparedGlobals(), expected);
        ExpectEquivalent("Fluid", FluidRender(), expected);
    }

    [GlobalCleanup]
    public void Cleanup() => _micro.Dispose();

    [Benchmark(Baseline = true, Description = "hand-written StringBuilder (Minimal app)")]
    public string HandWritten() => Fortunes.Render(_fortunes);

    /// <summary>Not a render: the work both apps' handlers do before rendering (copy the rows, add one, sort), for scale.</summary>
    [Benchmark(Description = "reference: loading the rows (FortuneRows.Load)")]
    public List<global::Benchmarks.Fortunes.Fortune> LoadRows() => global::Benchmarks.Fortunes.FortuneRows.Load();

    [Benchmark(Description = "Micro TemplateEngine, output cache off")]
    public string MicroCacheOff() => _micro.Render("fortunes.html", _model, outputCache: false);

    [Benchmark(Description = "Micro TemplateEngine, output cache hit")]
    public string MicroCacheHit() => _micro.Render("fortunes.html", _model);

    /// <summary>Scriban the way its README shows it: <c>template.Render(model)</c> (a new context and model import per render).</summary>
    [Benchmark(Description = "Scriban template.Render(model)")]
    public string ScribanRender() => _scriban.Render(_model);

    /// <summary>Scriban with the model imported once: a new <see cref="Scriban.TemplateContext"/> per render only.</summary>
    [Benchmark(Description = "Scriban, new TemplateContext + prepared globals")]
    public string ScribanPreparedGlobals()
    {
        var context = new Scriban.TemplateContext();
        context.PushGlobal(_scribanGlobals);
        return _scriban.Render(context);
    }

    [Benchmark(Description = "Fluid (Liquid), new TemplateContext")]
    public string FluidRender()
    {
        var context = new Fluid.TemplateContext(_fluidOptions);
        context.SetValue("fortunes", _fortunes);
        return _fluid.Render(context, _fluidEncoder);
    }

    // The same page up to the spelling of character references, and still escaped.
    private static void ExpectEquivalent(string what, string actual, string expected)
    {
        if (WebUtility.HtmlDecode(actual) != WebUtility.HtmlDecode(expected) || actual.Contains("<script>", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{what} rendered a different page:\n{actual}\nexpected (up to character references):\n{expected}");
        }
    }

    private static void Expect(string what, string actual, string expected)
    {
        if (actual != expected)
        {
            throw new InvalidOperationException($"{what} rendered a different page:\n{actual}\nexpected:\n{expected}");
        }
    }
}
