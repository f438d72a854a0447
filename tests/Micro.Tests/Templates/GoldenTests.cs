using System.Text.Json;
using Micro.Templates;
using Micro.Templates.Loading;

namespace Micro.Tests.Templates;

/// <summary>Renders every template under Golden/ and compares with what Jinja2 3.1 produced (tools/goldens/jinja_goldens.py).</summary>
public class GoldenTests
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Templates", "Golden");

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var topic in Directory.GetDirectories(Root).Order(StringComparer.Ordinal))
        {
            foreach (var expected in Directory.GetFiles(Path.Combine(topic, "expected")).Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetFileName(topic), Path.GetFileName(expected));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Template_renders_the_same_bytes_as_jinja2(string topic, string expectedFile)
    {
        var folder = Path.Combine(Root, topic);
        var engine = new TemplateEngine(Options(folder));
        var model = JsonModel.Read(File.ReadAllText(Path.Combine(folder, "data.json")));
        var expectedText = File.ReadAllText(Path.Combine(folder, "expected", expectedFile));
        if (expectedFile.EndsWith(".error", StringComparison.Ordinal))
        {
            // "<Jinja's exception type> line <n|None>", Jinja's message, and Micro's accepted wording where it differs on purpose.
            var name = expectedFile[..^".error".Length];
            var e = Assert.Throws<TemplateException>(() => engine.Render(name, model));
            Assert.NotNull(e.TemplateName);
            var lines = expectedText.Split('\n');
            var header = lines[0].Split(' ');
            var micro = lines.FirstOrDefault(l => l.StartsWith(MicroPrefix, StringComparison.Ordinal));
            Assert.Equal(micro is null ? lines[1] : micro[MicroPrefix.Length..], e.Reason.Replace(Path.Combine(folder, "templates"), "<templates>", StringComparison.Ordinal));
            if (int.TryParse(header[^1], out var jinjaLine))
            {
                Assert.Equal(jinjaLine, e.Line);
            }

            return;
        }

        Assert.Equal(expectedText, engine.Render(expectedFile, model, FlaskGlobals(folder, model)));
    }

    private const string MicroPrefix = "micro: ";

    // The same stand-ins for url_for, get_flashed_messages and g as jinja_goldens.py, passed per render.
    private static Dictionary<string, object?>? FlaskGlobals(string folder, Dictionary<string, object?> data)
    {
        if (!File.Exists(Path.Combine(folder, "flask-globals")))
        {
            return null;
        }

        return new Dictionary<string, object?>
        {
            ["url_for"] = new TemplateFunction((args, kwargs) =>
            {
                var query = string.Join("&", kwargs.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key}={k.Value}"));
                return "/" + ((string)args[0]!).Replace('.', '/') + (query.Length > 0 ? "?" + query : "");
            }),
            ["get_flashed_messages"] = new TemplateFunction((_, _) => data["flashes"]),
            ["g"] = data["g"],
        };
    }

    private static TemplateEngineOptions Options(string folder)
    {
        var o = new TemplateEngineOptions();
        o.Folders.Clear();
        o.Folders.Add(Path.Combine(folder, "templates"));

        // The Jinja extensions jinja_goldens.py turned on for this topic.
        var extensions = Path.Combine(folder, "extensions");
        foreach (var extension in File.Exists(extensions) ? File.ReadAllLines(extensions) : [])
        {
            switch (extension)
            {
                case "jinja2.ext.loopcontrols": o.EnableLoopControls = true; break;
                case "jinja2.ext.do": o.EnableDoStatement = true; break;
                default: throw new InvalidOperationException($"No option for the Jinja extension '{extension}'.");
            }
        }

        return o;
    }
}
