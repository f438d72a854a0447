namespace Benchmarks.Fortunes;

/// <summary>One row of TechEmpower's Fortunes table.</summary>
/// <param name="Id">The row id.</param>
/// <param name="Message">The message, printed escaped.</param>
public sealed record Fortune(int Id, string Message);

/// <summary>
/// TechEmpower's Fortunes rows without a database: the 12 standard fortunes held in memory; each request adds one and
/// sorts them by message (ordinal). Both benchmark apps serve these rows: Micro through a template, the Minimal APIs
/// twin as hand-written HTML.
/// </summary>
public static class FortuneRows
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
}
