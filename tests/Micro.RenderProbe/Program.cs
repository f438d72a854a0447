using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Micro.Templates;

// Renders templates through the public TemplateEngine as a server would (on a thread-pool thread) and prints
// what happened, so that tests can run templates that might crash the process: a StackOverflowException cannot
// be caught, and it would take the test host down with it.
//
//   Micro.RenderProbe <folder> <template>... [--deep N] [--stack BYTES] [--max-value-length N]
//
// --deep N               the model: `list` and `list2` (lists nested N deep), `dict` and `dict2` (dicts nested N deep), `n` = N
// --stack BYTES          render on a new thread with that stack size instead of the thread pool
// --max-value-length N   TemplateEngineOptions.MaxValueLength
//
// For each template: a line "RENDER <name>" (the last one names the culprit if the process dies), then one line
// of JSON: {"Name", "Ok", "Text", "ErrorTemplate", "Line", "Column", "Reason", "Unexpected", "Allocated"}, where
// Allocated is what the render allocated, in bytes. Last: "PEAK <peak working set in bytes>". Exit code 0, or 3
// when an exception other than TemplateException escaped a render.
var templates = new List<string>();
var depth = -1;
var stack = 0;
int? maxValueLength = null;
for (var i = 1; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--deep": depth = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--stack": stack = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--max-value-length": maxValueLength = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        default: templates.Add(args[i]); break;
    }
}

var options = new TemplateEngineOptions { OutputCacheEnabled = false };
options.Folders.Clear();
options.Folders.Add(args[0]);
if (maxValueLength is { } max)
{
    options.MaxValueLength = max;
}

using var engine = new TemplateEngine(options);
object? model = depth < 0 ? null : new Dictionary<string, object?>
{
    ["list"] = DeepList(depth),
    ["list2"] = DeepList(depth),
    ["dict"] = DeepDict(depth),
    ["dict2"] = DeepDict(depth),
    ["n"] = depth,
};

var exitCode = 0;
foreach (var name in templates)
{
    Console.WriteLine($"RENDER {name}");
    Console.Out.Flush();
    var result = stack > 0 ? OnThread(() => Render(name), stack) : Task.Run(() => Render(name)).GetAwaiter().GetResult();
    exitCode = result.Unexpected is null ? exitCode : 3;
    Console.WriteLine(JsonSerializer.Serialize(result));
    Console.Out.Flush();
}

using (var process = Process.GetCurrentProcess())
{
    Console.WriteLine($"PEAK {process.PeakWorkingSet64}");
}

return exitCode;

ProbeResult Render(string name)
{
    var before = GC.GetAllocatedBytesForCurrentThread();
    try
    {
        var text = engine.Render(name, model);
        return new ProbeResult(name, true, text, null, 0, 0, null, null, GC.GetAllocatedBytesForCurrentThread() - before);
    }
    catch (TemplateException e)
    {
        return new ProbeResult(name, false, null, e.TemplateName, e.Line, e.Column, e.Reason, null, GC.GetAllocatedBytesForCurrentThread() - before);
    }
    catch (Exception e)
    {
        return new ProbeResult(name, false, null, null, 0, 0, null, $"{e.GetType().FullName}: {e.Message}", GC.GetAllocatedBytesForCurrentThread() - before);
    }
}

static ProbeResult OnThread(Func<ProbeResult> render, int stackSize)
{
    ProbeResult? result = null;
    var thread = new Thread(() => result = render(), stackSize);
    thread.Start();
    thread.Join();
    return result!;
}

static List<object?> DeepList(int n)
{
    var list = new List<object?>();
    for (var i = 0; i < n; i++)
    {
        list = [list];
    }

    return list;
}

static Dictionary<string, object?> DeepDict(int n)
{
    var dict = new Dictionary<string, object?>();
    for (var i = 0; i < n; i++)
    {
        dict = new Dictionary<string, object?> { ["a"] = dict };
    }

    return dict;
}

/// <summary>What one render did.</summary>
internal sealed record ProbeResult(string Name, bool Ok, string? Text, string? ErrorTemplate, int Line, int Column, string? Reason, string? Unexpected, long Allocated);
