using System.Collections;

namespace Micro.Templates.Runtime;

/// <content>The methods of built-in values that templates commonly call: <c>d.items()</c>, <c>s.upper()</c>, ...</content>
internal static partial class PyAccess
{
    private static bool Method(object? self, string name, Func<object?, Arguments, object?> f, out object? value)
    {
        value = new BoundMethod(self, name, f);
        return true;
    }

    private static bool TryStringMethod(object obj, string name, out object? value)
    {
        var markup = obj is Markup;
        object Wrap(string s) => markup ? new Markup(s) : s;
        string S(object? o) => PyOps.Str(o);
        switch (name)
        {
            case "upper": return Method(obj, name, (o, _) => Wrap(S(o).ToUpperInvariant()), out value);
            case "lower": return Method(obj, name, (o, _) => Wrap(S(o).ToLowerInvariant()), out value);
            case "strip": return Method(obj, name, (o, a) => Wrap(a.Positional.Count > 0 && a.Positional[0] is string c ? S(o).Trim(c.ToCharArray()) : S(o).Trim()), out value);
            case "lstrip": return Method(obj, name, (o, a) => Wrap(a.Positional.Count > 0 && a.Positional[0] is string c ? S(o).TrimStart(c.ToCharArray()) : S(o).TrimStart()), out value);
            case "rstrip": return Method(obj, name, (o, a) => Wrap(a.Positional.Count > 0 && a.Positional[0] is string c ? S(o).TrimEnd(c.ToCharArray()) : S(o).TrimEnd()), out value);
            case "startswith": return Method(obj, name, (o, a) => S(o).StartsWith(S(a.Get(0, "prefix")), StringComparison.Ordinal), out value);
            case "endswith": return Method(obj, name, (o, a) => S(o).EndsWith(S(a.Get(0, "suffix")), StringComparison.Ordinal), out value);
            case "replace": return Method(obj, name, (o, a) => Wrap(Filters.BuiltinFilters.ReplaceAll(S(o), S(a.Get(0, "old")), S(a.Get(1, "new")))), out value);
            case "split":
                return Method(obj, name, (o, a) =>
                {
                    var sep = a.Get(0, "sep");
                    return sep is null
                        ? S(o).Split(JinjaWhitespace, StringSplitOptions.RemoveEmptyEntries).Select(x => (object?)x).ToList()
                        : S(o).Split(S(sep)).Select(x => (object?)x).ToList();
                }, out value);
            case "join": return Method(obj, name, (o, a) => Wrap(SizeGuard.JoinChecked(S(o), PyOps.Iterate(a.Get(0, "iterable")).Select(S))), out value);
            case "title": return Method(obj, name, (o, _) => Wrap(Filters.BuiltinFilters.Title(S(o))), out value);
            case "capitalize": return Method(obj, name, (o, _) => Wrap(Filters.BuiltinFilters.Capitalize(S(o))), out value);
            case "format": return Method(obj, name, (o, a) => Wrap(Filters.BuiltinFilters.StrFormat(S(o), a)), out value);
            case "count": return Method(obj, name, (o, a) => (long)CountOf(S(o), S(a.Get(0, "x"))), out value);
            case "find": return Method(obj, name, (o, a) => (long)S(o).IndexOf(S(a.Get(0, "sub")), StringComparison.Ordinal), out value);
            case "isdigit": return Method(obj, name, (o, _) => S(o).Length > 0 && S(o).All(char.IsDigit), out value);
            case "isalpha": return Method(obj, name, (o, _) => S(o).Length > 0 && S(o).All(char.IsLetter), out value);
            default: value = null; return false;
        }
    }

    private static readonly char[] JinjaWhitespace = [' ', '\t', '\n', '\r', '\f', '\v'];

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

    private static bool TryDictMethod(object obj, string name, out object? value)
    {
        switch (name)
        {
            case "items": return Method(obj, name, (o, _) => AsMapping(o)!.Select(p => (object?)new PyTuple([p.Key, p.Value])).ToList(), out value);
            case "keys": return Method(obj, name, (o, _) => AsMapping(o)!.Select(p => p.Key).ToList(), out value);
            case "values": return Method(obj, name, (o, _) => AsMapping(o)!.Select(p => p.Value).ToList(), out value);
            case "get": return Method(obj, name, (o, a) => TryGetKey(o, a.Get(0, "key"), out var v) ? v : a.Get(1, "default"), out value);
            default: value = null; return false;
        }
    }

    private static bool TryListMethod(object obj, string name, out object? value)
    {
        switch (name)
        {
            case "index": return Method(obj, name, (o, a) => (long)PyOps.ToList(o).FindIndex(x => PyOps.Equals(x, a.Get(0, "x"))), out value);
            case "count": return Method(obj, name, (o, a) => (long)PyOps.ToList(o).Count(x => PyOps.Equals(x, a.Get(0, "x"))), out value);
            case "append" when obj is List<object?>:
                return Method(obj, name, (o, a) =>
                {
                    var list = (List<object?>)o!;
                    SizeGuard.List(list.Count + 1L);
                    list.Add(a.Get(0, "x"));
                    return null;
                }, out value);
            default: value = null; return false;
        }
    }

    internal static bool IsList(object? v) => v is IList;

    internal static bool IsSequence(object? v) => v is IList or PyTuple or IReadOnlyList<object?>;

    internal static bool IsIterable(object? v) => v is IEnumerable;
}
