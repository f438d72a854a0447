using System.Collections;

namespace Micro.Templates.Runtime;

/// <content>The methods of built-in values that templates commonly call: <c>d.items()</c>, <c>l.index(x)</c>, ... (strings: PyAccess.Strings.cs).</content>
internal static partial class PyAccess
{
    private static bool Method(object? self, string name, Func<object?, Arguments, object?> f, out object? value)
    {
        value = new BoundMethod(self, name, f);
        return true;
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
