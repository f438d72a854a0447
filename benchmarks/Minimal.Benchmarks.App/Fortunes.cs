using System.Buffers;
using System.Text;

namespace Minimal.Benchmarks.App;

/// <summary>One row of TechEmpower's Fortunes table.</summary>
/// <param name="Id">The row id.</param>
/// <param name="Message">The message, printed escaped.</param>
public sealed record Fortune(int Id, string Message);

/// <summary>
/// TechEmpower's Fortunes test without a database: the 12 standard fortunes held in memory, plus the one added at
/// request time, sorted by message (ordinal), and the hand-written HTML a raw implementation writes. Both benchmark
/// apps and the in-process benchmarks use this data, so every Fortunes page has the same rows.
/// </summary>
public static class Fortunes
{
    private static readonly Fortune[] Stored =
    [
        new(1, "fortune: No such file or directory"),
        new(2, "A computer scientist is someone who fixes things that aren't broken."),
        new(3, "After enough decimal points, nobody gives a damn."),
        new(4, "A bad random number generator: 1, 1, 1, 1, 1, 4.33e+67, 1, 1, 1"),
        new(5, "A computer program does what you tell it to do, not what you want it to do."),
        new(6, "Emacs is a nice operating system, but I prefer UNIX. \u2014 Tom Christaensen"),
        new(7, "Any program that runs never has bugs."),
        new(8, "A list is only as strong as its weakest link. \u2014 Donald Knuth"),
        new(9, "Feature: A bug with seniority."),
        new(10, "Computers make very fast, very accurate mistakes."),
        new(11, "<script>alert(\"This should not be displayed in a browser alert box.\");</script>"),
        new(12, "\u30D5\u30EC\u30FC\u30E0\u30EF\u30FC\u30AF\u306E\u30D9\u30F3\u30C1\u30DE\u30FC\u30AF"),
    ];

    /// <summary>What a request does before rendering: fetch the stored rows, add one, sort by message.</summary>
    /// <returns>The 13 rows in display order (a new list each call, as a database query would give).</returns>
    public static List<Fortune> Load()
    {
        var list = new List<Fortune>(Stored.Length + 1);
        list.AddRange(Stored);
        list.Add(new Fortune(0, "Additional fortune added at request time."));
        list.Sort(static (a, b) => string.CompareOrdinal(a.Message, b.Message));
        return list;
    }

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
