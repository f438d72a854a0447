using System.Buffers;
using System.Text;
using Benchmarks.Fortunes;

namespace Minimal.Benchmarks.App;

/// <summary>The Fortunes page as a raw implementation writes it, over the rows in <see cref="FortuneRows"/>.</summary>
public static class Fortunes
{
    /// <summary>The rows a request renders (see <see cref="FortuneRows.Load"/>).</summary>
    /// <returns>The 13 rows in display order.</returns>
    public static List<Fortune> Load() => FortuneRows.Load();

    /// <summary>
    /// The page as a raw implementation writes it: one <see cref="StringBuilder"/>, each message escaped as it is
    /// appended. The escaping is MarkupSafe's (<c>&amp; &lt; &gt; &#34; &#39;</c>, nothing else), which is what a
    /// Jinja template produces, so the two pages are byte-for-byte equal.
    /// </summary>
    /// <param name="fortunes">The rows, in display order.</param>
    /// <returns>The HTML page.</returns>
    public static string Render(List<Fortune> fortunes)
    {
        ArgumentNullException.ThrowIfNull(fortunes);
        var sb = new StringBuilder(2048);
        sb.Append("<!DOCTYPE html><html><head><title>Fortunes</title></head><body><table><tr><th>id</th><th>message</th></tr>");
        foreach (var fortune in fortunes)
        {
            sb.Append("<tr><td>").Append(fortune.Id).Append("</td><td>");
            AppendEscaped(sb, fortune.Message);
            sb.Append("</td></tr>");
        }

        sb.Append("</table></body></html>");
        return sb.ToString();
    }

    private static readonly SearchValues<char> Special = SearchValues.Create("&<>\"'");

    private static void AppendEscaped(StringBuilder sb, ReadOnlySpan<char> text)
    {
        int i;
        while ((i = text.IndexOfAny(Special)) >= 0)
        {
            sb.Append(text[..i]).Append(text[i] switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&#34;",
                _ => "&#39;",
            });
            text = text[(i + 1)..];
        }

        sb.Append(text);
    }
}
