using BenchmarkDotNet.Attributes;
using Micro.Templates;

namespace Micro.Benchmarks;

/// <summary>
/// Time and allocations of compiling a page of about 300 lines from Jinja source: a child template that
/// extends a layout (blocks with <c>super()</c>), imports a file of ten macros and calls them, with loops,
/// conditionals and filters. Each operation compiles the page (with its layout) and the macro file afresh;
/// reading the files from disk is part of it, as it is when a template is first used.
/// </summary>
[Config(typeof(ShortConfig))]
public class CompileBenchmarks
{
    private TemplateEngine _engine = null!;

    [GlobalSetup]
    public void Setup()
    {
        var options = new TemplateEngineOptions();
        options.Folders.Clear();
        options.Folders.Add(Path.Combine(AppContext.BaseDirectory, "compile-templates"));
        _engine = new TemplateEngine(options);
        var html = _engine.Render("compile-page.html", new { page_title = "Page", rows = new[] { new { visible = true, c0 = 1 } }, items = new[] { new { price = 2.5 } }, nav = Array.Empty<object>(), site_name = "Site", values = new Dictionary<string, object?>() });
        if (!html.Contains("<h1>PAGE</h1>", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The compile benchmark's page did not render as expected.");
        }
    }

    /// <summary>Compiles the page, its layout and its macro file.</summary>
    [Benchmark]
    public object CompilePageLayoutAndMacros()
    {
        _engine.ClearCaches();
        _engine.GetCompiled("compile-macros.html");
        return _engine.GetCompiled("compile-page.html");
    }

    [GlobalCleanup]
    public void Cleanup() => _engine.Dispose();
}
