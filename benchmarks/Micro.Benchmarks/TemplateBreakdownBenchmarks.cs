using BenchmarkDotNet.Attributes;
using Micro.Templates;
using Minimal.Benchmarks.App;

namespace Micro.Benchmarks;

/// <summary>
/// A diagnostic for <see cref="TemplateBenchmarks"/>: where a Fortunes render's time goes in Micro's engine, by
/// removing one thing at a time from the page (output cache off unless named), and what an output-cache hit costs
/// with and without the 13-row model (the cache key is built from the whole model on every render).
/// </summary>
[Config(typeof(ShortConfig))]
public class TemplateBreakdownBenchmarks
{
    private object _model = null!;
    private TemplateEngine _engine = null!;

    [GlobalSetup]
    public void Setup()
    {
        _model = new { fortunes = Fortunes.Load() };
        var options = new TemplateEngineOptions();
        options.Folders.Clear();
        options.Folders.Add(Path.Combine(AppContext.BaseDirectory, "templates"));
        options.Folders.Add(Path.Combine(AppContext.BaseDirectory, "breakdown-templates"));
        _engine = new TemplateEngine(options);
    }

    [GlobalCleanup]
    public void Cleanup() => _engine.Dispose();

    [Benchmark(Baseline = true, Description = "fortunes.html (fortune.id, fortune.message, escaped)")]
    public string Full() => _engine.Render("fortunes.html", _model, outputCache: false);

    [Benchmark(Description = "exact .NET names (fortune.Id, fortune.Message)")]
    public string ExactNames() => _engine.Render("exact-names.html", _model, outputCache: false);

    [Benchmark(Description = "no autoescape (.txt)")]
    public string NoEscape() => _engine.Render("no-escape.txt", _model, outputCache: false);

    [Benchmark(Description = "ids only (no message)")]
    public string IdsOnly() => _engine.Render("ids-only.html", _model, outputCache: false);

    [Benchmark(Description = "loop only (13 empty rows)")]
    public string LoopOnly() => _engine.Render("loop-only.html", _model, outputCache: false);

    [Benchmark(Description = "static text only")]
    public string Static() => _engine.Render("static.html", _model, outputCache: false);

    [Benchmark(Description = "static text, cache hit, 13-row model")]
    public string StaticHitModel() => _engine.Render("static.html", _model);

    [Benchmark(Description = "static text, cache hit, no model")]
    public string StaticHitNoModel() => _engine.Render("static.html");
}
