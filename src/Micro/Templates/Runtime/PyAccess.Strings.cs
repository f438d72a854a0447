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
            "upper" => (o, _) => Same(o, PyString.Upper(Text(o))),
            "lower" => (o, _) => Same(o, Text(o).ToLowerInvariant()),
            "casefold" => (o, _) => Same(o, PyString.CaseFold(Text(o))),
            "swapcase" => (o, _) => Same(o, PyString.SwapCase(Text(o))),
            "title" => (o, _) => Same(o, PyString.Title(Text(o))),
            "capitalize" => (o, _) => Same(o, PyString.Capitalize(Text(o))),
            "strip" => (o, a) => Same(o, PyString.Strip(Text(o), OptionalText(a.Get(0, "chars")))),
            "lstrip" => (o, a) => Same(o, PyString.TrimStart(Text(o), OptionalText(a.Get(0, "chars")))),
            "rstrip" => (o, a) => Same(o, PyString.TrimEnd(Text(o), OptionalText(a.Get(0, "chars")))),
            "center" => (o, a) => Same(o, PyString.Justify(Text(o), IntArg(a.Get(0, "width")), Fill(o, a), '^')),
            "ljust" => (o, a) => Same(o, PyString.Justify(Text(o), IntArg(a.Get(0, "width")), Fill(o, a), '<')),
            "rjust" => (o, a) => Same(o, PyString.Justify(Text(o), IntArg(a.Get(0, "width")), Fill(o, a), '>')),
            "zfill" => (o, a) => Same(o, PyString.ZFill(Text(o), IntArg(a.Get(0, "width")))),
            "expandtabs" => (o, a) => Same(o, PyString.ExpandTabs(Text(o), IntArg(a.Get(0, "tabsize", 8L)))),
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
            "startswith" => (o, a) => Window(o, a) is var (t, ok) && ok && Affixes(a.Get(0, "prefix")).Any(p => t.StartsWith(p, StringComparison.Ordinal)),
            "endswith" => (o, a) => Window(o, a) is var (t, ok) && ok && Affixes(a.Get(0, "suffix")).Any(p => t.EndsWith(p, StringComparison.Ordinal)),
            "count" => (o, a) => (long)PyString.Count(Text(o), Text(a.Get(0, "x")), a.Get(1, "start"), a.Get(2, "end")),
            "find" => (o, a) => (long)PyString.Find(Text(o), Text(a.Get(0, "sub")), a.Get(1, "start"), a.Get(2, "end"), fromRight: false),
            "rfind" => (o, a) => (long)PyString.Find(Text(o), Text(a.Get(0, "sub")), a.Get(1, "start"), a.Get(2, "end"), fromRight: true),
            "index" => (o, a) => PyString.Find(Text(o), Text(a.Get(0, "sub")), a.Get(1, "start"), a.Get(2, "end"), fromRight: false) is var i and >= 0 ? (long)i : throw new JinjaRuntimeException("substring not found"),
            "rindex" => (o, a) => PyString.Find(Text(o), Text(a.Get(0, "sub")), a.Get(1, "start"), a.Get(2, "end"), fromRight: true) is var i and >= 0 ? (long)i : throw new JinjaRuntimeException("substring not found"),
            "maketrans" => (_, a) => PyString.MakeTrans(a.Get(0, "x"), a.Get(1, "y"), a.Get(2, "z"), a.Has(1, "y")),
            "isdigit" => (o, _) => PyString.IsDigit(Text(o)),
            "isdecimal" => (o, _) => PyString.IsDecimal(Text(o)),
            "isnumeric" => (o, _) => PyString.IsNumeric(Text(o)),
            "isalnum" => (o, _) => PyString.IsAlnum(Text(o)),
            "isascii" => (o, _) => PyString.IsAscii(Text(o)),
            "isidentifier" => (o, _) => PyString.IsIdentifier(Text(o)),
            "isprintable" => (o, _) => PyString.IsPrintable(Text(o)),
            "istitle" => (o, _) => PyString.IsTitle(Text(o)),
            "__len__" => (o, _) => (long)PyOps.Length(o),
            "__contains__" => (o, a) => PyOps.Contains(o, a.Get(0, "key")),
            "isalpha" => (o, _) => Text(o).Length > 0 && Text(o).All(char.IsLetter),
            "isspace" => (o, _) => Text(o).Length > 0 && Text(o).All(PyString.IsSpace),
            "isupper" => (o, _) => PyString.IsUpper(Text(o)),
            "islower" => (o, _) => PyString.IsLower(Text(o)),

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

    // An integer argument: Python refuses '3' where a number is expected.
    private static long IntArg(object? v) => PyOps.IsInteger(v) ? PyOps.ToLong(v) : throw new JinjaRuntimeException($"'{PyOps.TypeName(v)}' object cannot be interpreted as an integer");

    // The s[start:end] that startswith/endswith look at; false when start is past the end.
    private static (string Text, bool Ok) Window(object? receiver, Arguments a)
    {
        var s = Text(receiver);
        var start = a.Get(1, "start");
        if (start is not null && PyOps.ToLong(start) > s.Length)
        {
            return ("", false);
        }

        var (from, to) = PyString.Bounds(s.Length, start, a.Get(2, "end"));
        return (to > from ? s[from..to] : "", true);
    }
}
