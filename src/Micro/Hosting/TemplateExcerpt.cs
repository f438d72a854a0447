using System.Text;
using Micro.Templates;

namespace Micro.Hosting;

/// <summary>The lines around a template error, for the Development error page.</summary>
internal static class TemplateExcerpt
{
    public static string For(MicroApp app, Exception error)
    {
        var template = Find(error);
        if (template is not { TemplateName: { } name, Line: > 0 } || app.Templates.Options.Folders
                .Select(folder => Path.Combine(folder, name))
                .FirstOrDefault(File.Exists) is not { } path)
        {
            return "";
        }

        var lines = File.ReadAllLines(path);
        var builder = new StringBuilder().Append(name).Append(", line ").Append(template.Line).Append(", column ").Append(template.Column).Append(":\n");
        for (var line = Math.Max(1, template.Line - 2); line <= Math.Min(lines.Length, template.Line + 2); line++)
        {
            builder.Append(line == template.Line ? "> " : "  ").Append(line.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(4)).Append(" | ").Append(lines[line - 1]).Append('\n');
        }

        return builder.Append('\n').ToString();
    }

    private static TemplateException? Find(Exception? error)
    {
        for (; error is not null; error = error.InnerException)
        {
            if (error is TemplateException template)
            {
                return template;
            }
        }

        return null;
    }
}
