using Micro.Templates.Runtime;

namespace Micro.Templates.Filters;

/// <summary>Jinja 3.1's built-in tests.</summary>
internal static class BuiltinTests
{
    public static void Register(IDictionary<string, TestFunc> t)
    {
        static object? Arg(Arguments a) => a.Get(0, "other");
        t["defined"] = (_, v, _) => v is not Undefined;
        t["undefined"] = (_, v, _) => v is Undefined;
        t["none"] = (_, v, _) => v is null;
        t["boolean"] = (_, v, _) => v is bool;
        t["true"] = (_, v, _) => v is true;
        t["false"] = (_, v, _) => v is false;
        t["even"] = (_, v, _) => PyOps.Equals(PyOps.Mod(v, 2L), 0L);
        t["odd"] = (_, v, _) => PyOps.Equals(PyOps.Mod(v, 2L), 1L);
        t["divisibleby"] = (_, v, a) => PyOps.Equals(PyOps.Mod(v, a.Get(0, "num")), 0L);
        t["string"] = (_, v, _) => v is string or Markup;
        t["number"] = (_, v, _) => PyOps.IsNumber(v) || v is bool;
        t["integer"] = (_, v, _) => v is long or int or System.Numerics.BigInteger;
        t["float"] = (_, v, _) => v is double or float or decimal;
        t["mapping"] = (_, v, _) => PyAccess.IsMapping(v);
        t["iterable"] = (_, v, _) => v is System.Collections.IEnumerable;
        t["sequence"] = (_, v, _) => v is string or Markup || PyAccess.IsSequence(v) || PyAccess.IsMapping(v);
        t["callable"] = (_, v, _) => v is Macro or BoundMethod or BuiltinCallable or Delegate;
        t["sameas"] = (_, v, a) => ReferenceEquals(v, Arg(a)) || (v is null && Arg(a) is null) || (v is bool b && Arg(a) is bool b2 && b == b2);
        t["escaped"] = (_, v, _) => v is Markup or Microsoft.AspNetCore.Html.IHtmlContent;
        t["lower"] = (_, v, _) => PyString.IsLower(PyOps.Str(v));
        t["upper"] = (_, v, _) => PyString.IsUpper(PyOps.Str(v));
        t["in"] = (_, v, a) => PyOps.Contains(a.Get(0, "seq"), v);
        t["eq"] = t["equalto"] = t["=="] = (_, v, a) => PyOps.Equals(v, Arg(a));
        t["ne"] = t["!="] = (_, v, a) => !PyOps.Equals(v, Arg(a));
        t["lt"] = t["lessthan"] = t["<"] = (_, v, a) => PyOps.Compare(v, Arg(a)) < 0;
        t["le"] = t["<="] = (_, v, a) => PyOps.Compare(v, Arg(a), "<=") <= 0;
        t["gt"] = t["greaterthan"] = t[">"] = (_, v, a) => PyOps.Compare(v, Arg(a), ">") > 0;
        t["ge"] = t[">="] = (_, v, a) => PyOps.Compare(v, Arg(a), ">=") >= 0;
        t["filter"] = (c, v, _) => c.Engine.Filters.ContainsKey(PyOps.Str(v));
        t["test"] = (c, v, _) => c.Engine.Tests.ContainsKey(PyOps.Str(v));
    }
}
