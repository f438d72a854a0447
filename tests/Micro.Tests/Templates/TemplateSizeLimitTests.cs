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

        // Python-exact str methods and MarkupSafe's Markup methods (escaping their arguments) and filters on markup;
        // a name with an extension is rendered as is (".html": autoescaped), else as ".txt".
        ["str-format-width"] = "{{ '{:999999999}'.format(1) }}",
        ["str-format-nested-width"] = "{{ '{:>{}}'.format('x', 10**9) }}",
        ["str-format-precision"] = "{{ '{:.999999999f}'.format(1.5) }}",
        ["markup-format"] = "{{ ('{}{}'|safe).format(big, big) }}",
        ["markup-format-width"] = "{{ ('{:999999999}'|safe).format(1) }}",
        ["str-center-fill"] = "{{ 'x'.center(10**9, '-') }}",
        ["str-ljust"] = "{{ 'x'.ljust(10**9) }}",
        ["markup-rjust-fill"] = "{{ ('x'|safe).rjust(10**9, '-') }}",
        ["str-zfill"] = "{{ '1'.zfill(10**9) }}",
        ["str-expandtabs"] = "{{ 'a\tb'.expandtabs(10**9) }}",
        ["str-translate"] = "{{ ('x' * 100000).translate({120: 'y' * 1000}) }}",
        ["markup-replace"] = "{{ (('x' * 1000000)|safe).replace('x', 'y' * 100) }}",
        ["str-replace-empty-count"] = "{{ ('x' * 100000).replace('', 'y' * 1000, 100000) }}",
        ["markup-replace-filter.html"] = "{{ (('x' * 1000000)|safe)|replace('x', 'y' * 100) }}",
        ["indent-markup"] = "{{ ('a\\n' * 100000)|indent(('x' * 1000)|safe) }}",
        ["markup-repeat-left"] = "{{ 10**9 * ('ab'|safe) }}",
        ["markup-percent-width"] = "{{ ('%1000000000d'|safe) % 1 }}",
        ["markup-percent-arguments"] = "{{ ('%s%s'|safe) % (big, big) }}",
        ["markup-format-filter"] = "{{ ('%s%s'|safe)|format(big, big) }}",
        ["markup-doubling.html"] = "{% set ns = namespace(s='x'|safe) %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}",
        ["markup-plus-doubling"] = "{% set ns = namespace(s='x'|safe) %}{% for i in range(40) %}{% set ns.s = ns.s + ns.s %}{% endfor %}{{ ns.s|length }}",
        ["markup-join.html"] = "{{ range(100000)|join(('x' * 1000)|safe) }}",
        ["markup-item-join.html"] = "{{ (['a'|safe] + range(100000)|list)|join('x' * 1000) }}",
        ["markup-str-join"] = "{{ (('x' * 1000)|safe).join(range(100000)) }}",
        ["wordwrap-markup"] = "{{ ('x ' * 1000000)|wordwrap(1, wrapstring=('y' * 1000)|safe) }}",

        // What grows each time it is applied to its own result, in a loop.
        ["forceescape-growth"] = "{% set ns = namespace(s='&' * 4000000) %}{% for i in range(4) %}{% set ns.s = ns.s|forceescape %}{% endfor %}{{ ns.s|length }}",
        ["urlencode-growth"] = "{% set ns = namespace(s='%' * 6000000) %}{% for i in range(4) %}{% set ns.s = ns.s|urlencode %}{% endfor %}{{ ns.s|length }}",
        ["tojson-doubling"] = "{% set ns = namespace(s='\"') %}{% for i in range(40) %}{% set ns.s = ns.s|tojson %}{% endfor %}{{ ns.s|length }}",
        ["repr-doubling"] = "{% set ns = namespace(s='\\\\') %}{% for i in range(40) %}{% set ns.s = [ns.s]|string %}{% endfor %}{{ ns.s|length }}",
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
        var run = Probe(BlowUps.Select(b => (Path.HasExtension(b.Key) ? b.Key : $"{b.Key}.txt", b.Value)));
        Assert.Equal(BlowUps.Count, run.Results.Count);

        // Every case is checked and every failure reported, so one run shows each path that is not bounded.
        var failures = new List<string>();
        foreach (var r in run.Results.Values)
        {
            // A string at the limit is 32 MB, a list 128 MB (16 M references); doubling up to it allocates about
            // twice that, never the gigabytes it took before. tojson doubles through a builder and then a string
            // (twice as much), urlencode allocates a short string for every byte it escapes (five times what it writes).
            var bound = r.Name.Contains("list", StringComparison.Ordinal) || r.Name.Contains("tuple", StringComparison.Ordinal) || r.Name.StartsWith("urlencode", StringComparison.Ordinal) ? 512L << 20
                : r.Name.StartsWith("tojson-doubling", StringComparison.Ordinal) ? 256L << 20
                : 128L << 20;
            if (r.Unexpected is not null || r.Ok || (r.ErrorTemplate, r.Line) != (r.Name, 3) || r.Reason?.Contains(LimitReason, StringComparison.Ordinal) != true)
            {
                failures.Add(r.ToString());
            }
            else if (r.Allocated >= bound)
            {
                failures.Add($"{r.Name} allocated {r.Allocated:N0} bytes");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));

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
                ("at.txt", "{{ ('x' * 1000)|length }}|{{ ('%1000s' % 'x')|length }}|{{ ('x'|center(1000))|length }}|{{ ([0] * 1000)|length }}|{{ ('{:1000}'.format('x'))|length }}|{{ ((('x' * 999)|safe) ~ 'y')|length }}"),
                ("string-over.txt", "{{ 'x' * 1001 }}"),
                ("concat-over.txt", "{{ ('x' * 1000) ~ 'y' }}"),
                ("padding-over.txt", "{{ '%1001s' % 'x' }}"),
                ("list-over.txt", "{{ [0] * 1001 }}"),
                ("append-over.txt", "{% set l = [0] * 1000 %}{{ l.append(1) }}"),
                ("str-format-over.txt", "{{ '{:1001}'.format('x') }}"),
                ("markup-concat-over.html", "{{ (('x' * 1000)|safe) ~ 'y' }}"),
            ],
            "--max-value-length",
            "1000");
        Assert.Equal("1000|1000|1000|1000|1000|1000", run.Results["at.txt"].Text![(run.Results["at.txt"].Text!.LastIndexOf('\n') + 1)..]);
        foreach (var name in new[] { "string-over.txt", "concat-over.txt", "padding-over.txt", "list-over.txt", "append-over.txt", "str-format-over.txt", "markup-concat-over.html" })
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
