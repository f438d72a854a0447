namespace Micro.Templates.Runtime;

/// <content>
/// The methods of strings and markup. On a <see cref="Markup"/> receiver they are MarkupSafe's: every text
/// argument that ends up in the result is escaped (format fields, <c>%</c> values, join items, the
/// replacement, fill characters) and every text result is markup again; on a plain string they are
/// Python's <c>str</c> methods and the result stays plain.
/// </content>
internal static partial class PyAccess
{
    private static bool TryStringMethod(object obj, string name, out object? value)
    {
        var markup = obj is Markup;
        Func<object?, Arguments, object?>? f = name switch
        {
            "upper" => (o, _) => Same(o, Text(o).ToUpperInvariant()),
            "lower" => (o, _) => Same(o, Text(o).ToLowerInvariant()),
            "casefold" => (o, _) => Same(o, Text(o).ToLowerInvariant()),
            "swapcase" => (o, _) => Same(o, PyString.SwapCase(Text(o))),
            "title" => (o, _) => Same(o, PyString.Title(Text(o))),
            "capitalize" => (o, _) => Same(o, PyString.Capitalize(Text(o))),
            "strip" => (o, a) => Same(o, PyString.Strip(Text(o), OptionalText(a.Get(0, "chars")))),
            "lstrip" => (o, a) => Same(o, PyString.TrimStart(Text(o), OptionalText(a.Get(0, "chars")))),
            "rstrip" => (o, a) => Same(o, PyString.TrimEnd(Text(o), OptionalText(a.Get(0, "chars")))),
            "center" => (o, a) => Same(o, PyString.Justify(Text(o), PyOps.ToLong(a.Get(0, "width")), Fill(o, a), '^')),
            "ljust" => (o, a) => Same(o, PyString.Justify(Text(o), PyOps.ToLong(a.Get(0, "width")), Fill(o, a), '<')),
            "rjust" => (o, a) => Same(o, PyString.Justify(Text(o), PyOps.ToLong(a.Get(0, "width")), Fill(o, a), '>')),
            "zfill" => (o, a) => Same(o, PyString.ZFill(Text(o), PyOps.ToLong(a.Get(0, "width")))),
            "expandtabs" => (o, a) => Same(o, PyString.ExpandTabs(Text(o), PyOps.ToLong(a.Get(0, "tabsize", 8L)))),
            "removeprefix" => (o, a) => Same(o, Text(a.Get(0, "prefix")) is var p && Text(o).StartsWith(p, StringComparison.Ordinal) ? Text(o)[p.Length..] : Text(o)),
            "removesuffix" => (o, a) => Same(o, Text(a.Get(0, "suffix")) is var p && Text(o).EndsWith(p, StringComparison.Ordinal) ? Text(o)[..^p.Length] : Text(o)),
            "translate" => (o, a) => Same(o, PyString.Translate(Text(o), a.Get(0, "table"))),
            "replace" => (o, a) => Same(o, PyString.Replace(
                Text(o),
                Text(a.Get(0, "old"), "replace() argument 1"),
                o is Markup ? PyOps.EscapeOrKeep(a.Get(1, "new")) : Text(a.Get(1, "new"), "replace() argument 2"),
                a.Get(2, "count") is { } count ? PyOps.ToLong(count) : -1)),
            "join" => (o, a) => Same(o, SizeGuard.JoinChecked(Text(o), PyOps.Iterate(a.Get(0, "iterable")).Select((item, i) =>
                o is Markup ? PyOps.EscapeOrKeep(item) : Text(item, $"sequence item {i}")))),
            "format" => (o, a) => Same(o, PyFormat.Format(Text(o), a.Positional, k => Keyword(a, k), o is Markup)),
            "format_map" => (o, a) => Same(o, PyFormat.Format(Text(o), [], k => TryGetKey(a.Get(0, "mapping"), k, out var v) ? (true, v) : (false, null), o is Markup)),
            "split" => (o, a) => PyString.Split(Text(o), OptionalText(a.Get(0, "sep")), PyOps.ToLong(a.Get(1, "maxsplit", -1L))).Select(s => Same(o, s)).ToList(),
            "rsplit" => (o, a) => PyString.RSplit(Text(o), OptionalText(a.Get(0, "sep")), PyOps.ToLong(a.Get(1, "maxsplit", -1L))).Select(s => Same(o, s)).ToList(),
            "splitlines" => (o, a) => PyString.SplitLines(Text(o), PyOps.Truthy(a.Get(0, "keepends", false))).Select(s => Same(o, s)).ToList(),
            "partition" => (o, a) => Triple(o, PyString.Partition(Text(o), Text(a.Get(0, "sep")), fromRight: false)),
            "rpartition" => (o, a) => Triple(o, PyString.Partition(Text(o), Text(a.Get(0, "sep")), fromRight: true)),
            "startswith" => (o, a) => Affixes(a.Get(0, "prefix")).Any(p => Text(o).StartsWith(p, StringComparison.Ordinal)),
            "endswith" => (o, a) => Affixes(a.Get(0, "suffix")).Any(p => Text(o).EndsWith(p, StringComparison.Ordinal)),
            "count" => (o, a) => (long)CountOf(Text(o), Text(a.Get(0, "x"))),
            "find" => (o, a) => (long)Text(o).IndexOf(Text(a.Get(0, "sub")), StringComparison.Ordinal),
            "rfind" => (o, a) => (long)Text(o).LastIndexOf(Text(a.Get(0, "sub")), StringComparison.Ordinal),
            "isdigit" => (o, _) => Text(o).Length > 0 && Text(o).All(char.IsDigit),
            "isalpha" => (o, _) => Text(o).Length > 0 && Text(o).All(char.IsLetter),
            "isspace" => (o, _) => Text(o).Length > 0 && Text(o).All(PyString.IsSpace),
            "isupper" => (o, _) => Text(o).Any(char.IsUpper) && !Text(o).Any(char.IsLower),
            "islower" => (o, _) => Text(o).Any(char.IsLower) && !Text(o).Any(char.IsUpper),

            // Markup's own methods.
            "escape" when markup => (_, a) => new Markup(PyOps.EscapeOrKeep(a.Get(0, "s"))),
            "unescape" when markup => (o, _) => MarkupText.Unescape(Text(o)),
            "striptags" when markup => (o, _) => MarkupText.StripTags(Text(o)),
            "__html__" when markup => (o, _) => o,
            _ => null,
        };
        value = f is null ? null : new BoundMethod(obj, name, f);
        return f is not null;
    }

    // A text result has the receiver's kind: markup stays markup.
    private static object Same(object? receiver, string text) => receiver is Markup ? new Markup(text) : text;

    private static PyTuple Triple(object? receiver, (string Head, string Sep, string Tail) p) =>
        new([Same(receiver, p.Head), Same(receiver, p.Sep), Same(receiver, p.Tail)]);

    // The text of a str argument (markup is a str); anything else is Python's TypeError.
    private static string Text(object? v, string what = "argument") => v switch
    {
        string s => s,
        Markup m => m.Value,
        _ => throw new JinjaRuntimeException($"{what} must be str, not {PyOps.TypeName(v)}"),
    };

    private static string? OptionalText(object? v) => v is null ? null : Text(v);

    // MarkupSafe escapes the fill character, which must still be one character.
    private static string Fill(object? receiver, Arguments a)
    {
        var fill = a.Get(1, "fillchar", " ");
        return receiver is Markup ? PyOps.EscapeOrKeep(fill) : Text(fill);
    }

    private static IEnumerable<string> Affixes(object? v) => v is PyTuple t ? t.Items.Select(i => Text(i)) : [Text(v)];

    private static (bool Found, object? Value) Keyword(Arguments a, string name)
    {
        foreach (var (k, v) in a.Keywords)
        {
            if (k == name)
            {
                return (true, v);
            }
        }

        return (false, null);
    }

    private static int CountOf(string s, string sub)
    {
        if (sub.Length == 0)
        {
            return s.Length + 1;
        }

        var n = 0;
        for (var i = s.IndexOf(sub, StringComparison.Ordinal); i >= 0; i = s.IndexOf(sub, i + sub.Length, StringComparison.Ordinal))
        {
            n++;
        }

        return n;
    }
}
