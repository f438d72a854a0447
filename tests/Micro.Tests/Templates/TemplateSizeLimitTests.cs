using Micro.Templates;
using Micro.Tests.Support;

namespace Micro.Tests.Templates;

/// <summary>
/// The strings and lists a render builds are bounded like its output (<see cref="TemplateEngineOptions.MaxValueLength"/>):
/// every way a template had to take gigabytes fails the render with a clear error, having allocated little. Run in a
/// child process (<see cref="RenderProbe"/>), which also measures what each render allocated.
/// </summary>
public sealed class TemplateSizeLimitTests : TemplateFolderTests
{
    private const string Prefix = "{% set big = 'x' * 10000000 %}\n{# the blow-up is on the next line #}\n";

    private const string LimitReason = "TemplateEngineOptions.MaxValueLength";

    // Each took from 0.3 to 16 GB (or ran out of memory) before the limit.
    private static readonly Dictionary<string, string> BlowUps = new()
    {
        ["center"] = "{{ 'x'|center(10**9) }}",
        ["percent-width"] = "{{ '%1000000000d' % 1 }}",
        ["percent-precision"] = "{{ '%.1000000000f' % 1 }}",
        ["percent-arguments"] = "{{ '%s%s' % (big, big) }}",
        ["format-width"] = "{{ '%-1000000000s'|format('x') }}",
        ["format-arguments"] = "{{ '%s%s'|format(big, big) }}",
        ["str-format"] = "{{ '{}{}'.format(big, big) }}",
        ["indent"] = "{{ 'a\\nb'|indent(10**9) }}",
        ["string-repeat"] = "{{ 'ab' * 10**9 }}",
        ["list-repeat"] = "{{ [1] * 10**9 }}",
        ["string-doubling"] = "{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}",
        ["string-doubling-plus"] = "{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s + ns.s %}{% endfor %}{{ ns.s|length }}",
        ["markup-doubling"] = "{% set ns = namespace(s='x'|safe) %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}",
        ["list-doubling"] = "{% set ns = namespace(s=[1]) %}{% for i in range(40) %}{% set ns.s = ns.s + ns.s %}{% endfor %}{{ ns.s|length }}",
        ["tuple-doubling"] = "{% set ns = namespace(s=(1,)) %}{% for i in range(40) %}{% set ns.s = ns.s + ns.s %}{% endfor %}{{ ns.s|length }}",
        ["join"] = "{{ range(100000)|join('x' * 1000) }}",
        ["str-join"] = "{{ ('x' * 1000).join(range(100000)|map('string')) }}",
        ["replace"] = "{{ ('x' * 1000000)|replace('x', 'y' * 100) }}",
        ["replace-empty"] = "{{ ('x' * 100000)|replace('', 'y' * 1000) }}",
        ["str-replace"] = "{{ ('x' * 1000000).replace('x', 'y' * 100) }}",
        ["wordwrap"] = "{{ ('x ' * 1000000)|wordwrap(1, wrapstring='y' * 1000) }}",
        ["batch-fill"] = "{{ [1]|batch(10**9, 0)|list|length }}",
        ["slice"] = "{{ [1]|slice(10**9)|length }}",
        ["tojson-indent"] = "{{ [[[1]]]|tojson(indent=10**8) }}",
        ["print-shared"] = "{% set ns = namespace(x=['x' * 1000]) %}{% for i in range(40) %}{% set ns.x = [ns.x, ns.x] %}{% endfor %}{{ ns.x|string|length }}",
        ["tojson-shared"] = "{% set ns = namespace(x=['x' * 1000]) %}{% for i in range(40) %}{% set ns.x = [ns.x, ns.x] %}{% endfor %}{{ ns.x|tojson|length }}",
    };

    private RenderProbe.Run Probe(IEnumerable<(string Name, string Text)> templates, params string[] options)
    {
        foreach (var (name, text) in templates)
        {
            Write(name, (text.Contains("big", StringComparison.Ordinal) ? Prefix : "\n\n") + text);
        }

        return RenderProbe.Render(Folder, templates.Select(t => t.Name).ToList(), options);
    }

    [Fact]
    public void Every_blow_up_fails_one_render_with_a_clear_error_and_bounded_memory()
    {
        var run = Probe(BlowUps.Select(b => ($"{b.Key}.txt", b.Value)));
        Assert.Equal(BlowUps.Count, run.Results.Count);
        foreach (var r in run.Results.Values)
        {
            Assert.True(r.Unexpected is null && !r.Ok, r.ToString());
            Assert.Equal((r.Name, 3), (r.ErrorTemplate!, r.Line));
            Assert.Contains(LimitReason, r.Reason, StringComparison.Ordinal);

            // A string at the limit is 32 MB, a list 128 MB (16 M references); doubling up to it allocates about
            // twice that, never the gigabytes it took before.
            var bound = r.Name.Contains("list", StringComparison.Ordinal) || r.Name.Contains("tuple", StringComparison.Ordinal) ? 512L << 20 : 128L << 20;
            Assert.True(r.Allocated < bound, $"{r.Name} allocated {r.Allocated:N0} bytes");
        }

        Assert.True(run.PeakWorkingSet < 1024L * 1024 * 1024, $"peak working set {run.PeakWorkingSet:N0} bytes");
    }

    [Fact]
    public void A_range_too_large_to_join_was_and_is_refused()
    {
        var run = Probe([("range.txt", "{{ range(10**9)|join(',') }}")]);
        var r = run.Results["range.txt"];
        Assert.Equal((false, 3), (r.Ok, r.Line));
        Assert.Contains("Range too big", r.Reason, StringComparison.Ordinal);
        Assert.True(r.Allocated < 256L * 1024 * 1024, $"allocated {r.Allocated:N0} bytes");
    }

    [Fact]
    public void The_limit_is_configurable_and_exact()
    {
        var run = Probe(
            [
                ("at.txt", "{{ ('x' * 1000)|length }}|{{ ('%1000s' % 'x')|length }}|{{ ('x'|center(1000))|length }}|{{ ([0] * 1000)|length }}"),
                ("string-over.txt", "{{ 'x' * 1001 }}"),
                ("concat-over.txt", "{{ ('x' * 1000) ~ 'y' }}"),
                ("padding-over.txt", "{{ '%1001s' % 'x' }}"),
                ("list-over.txt", "{{ [0] * 1001 }}"),
                ("append-over.txt", "{% set l = [0] * 1000 %}{{ l.append(1) }}"),
            ],
            "--max-value-length",
            "1000");
        Assert.Equal("1000|1000|1000|1000", run.Results["at.txt"].Text![(run.Results["at.txt"].Text!.LastIndexOf('\n') + 1)..]);
        foreach (var name in new[] { "string-over.txt", "concat-over.txt", "padding-over.txt", "list-over.txt", "append-over.txt" })
        {
            var r = run.Results[name];
            Assert.False(r.Ok, r.ToString());
            Assert.Equal(3, r.Line);
            Assert.Contains("(1,000, " + LimitReason + ")", r.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_default_limit_is_a_quarter_of_the_output_limit()
    {
        var options = new TemplateEngineOptions();
        Assert.Equal(16 * 1024 * 1024, options.MaxValueLength);
        Assert.Equal(options.MaxOutputChars / 4, options.MaxValueLength);
    }
}
