using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace Micro.Templates.Runtime;

/// <summary>
/// Python's object protocol as Jinja templates see it: truthiness, <c>str()</c>, <c>repr()</c>,
/// comparison, arithmetic, iteration and length over .NET values. Integers are <see cref="long"/>, and
/// <see cref="BigInteger"/> only past 64 bits (Python's ints never wrap); floats <see cref="double"/>;
/// other .NET numbers are widened on use.
/// </summary>
internal static partial class PyOps
{
    public static bool Truthy(object? v) => v switch
    {
        null or Undefined => false,
        bool b => b,
        string s => s.Length > 0,
        Markup m => m.Value.Length > 0,
        long l => l != 0,
        int i => i != 0,
        BigInteger big => !big.IsZero,
        double d => d != 0,
        decimal m => m != 0,
        float f => f != 0,
        ICollection c => c.Count > 0,
        IReadOnlyCollection<object?> c => c.Count > 0,
        Namespace => true,
        _ when IsNumber(v) => ToDouble(v) != 0,
        IEnumerable e => e.GetEnumerator().MoveNext(),
        _ => true,
    };

    public static bool IsNumber(object? v) => v is long or int or double or float or decimal or short or byte or sbyte or ushort or uint or ulong or BigInteger;

    public static bool IsInteger(object? v) => v is long or int or short or byte or sbyte or ushort or uint or ulong or bool or BigInteger;

    public static long ToLong(object? v) => v switch
    {
        long l => l,
        int i => i,
        bool b => b ? 1 : 0,
        double d => (long)d,
        BigInteger big when big >= long.MinValue && big <= long.MaxValue => (long)big,
        ulong ul when ul <= long.MaxValue => (long)ul,
        BigInteger or ulong => throw new JinjaRuntimeException("Python int too large to convert to C ssize_t"),
        _ => Convert.ToInt64(v, CultureInfo.InvariantCulture),
    };

    public static double ToDouble(object? v) => v switch
    {
        double d => d,
        long l => l,
        int i => i,
        bool b => b ? 1 : 0,
        BigInteger big => BigToDouble(big),
        _ => Convert.ToDouble(v, CultureInfo.InvariantCulture),
    };

    /// <summary>Normalises .NET numbers: integers to long, float and decimal stay as they are for printing.</summary>
    public static object? Normalize(object? v) => v switch
    {
        int i => (object)(long)i,
        short s => (object)(long)s,
        byte b => (object)(long)b,
        sbyte sb => (object)(long)sb,
        ushort us => (object)(long)us,
        uint ui => (object)(long)ui,
        ulong ul => ul <= long.MaxValue ? (object)(long)ul : new BigInteger(ul),
        float f => (object)(double)f,
        BigInteger big => Int(big),
        _ => v,
    };

    /// <summary>
    /// Returns <paramref name="v"/> as markup when it is already safe HTML: a <see cref="Markup"/>, or
    /// ASP.NET Core's <see cref="Microsoft.AspNetCore.Html.IHtmlContent"/> (e.g. <c>HtmlString</c>), the
    /// .NET counterpart of MarkupSafe's <c>__html__</c>.
    /// </summary>
    public static Markup? AsMarkup(object? v)
    {
        switch (v)
        {
            case Markup m:
                return m;
            case Microsoft.AspNetCore.Html.IHtmlContent html:
                using (var writer = new StringWriter(CultureInfo.InvariantCulture))
                {
                    html.WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Default);
                    return new Markup(writer.ToString());
                }

            default:
                return null;
        }
    }

    /// <summary>Python's <c>str()</c>.</summary>
    public static string Str(object? v) => v switch
    {
        null => "None",
        string s => s,
        Markup m => m.Value,
        Undefined => "",
        bool b => b ? "True" : "False",
        long l => l.ToString(CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        double d => FloatRepr(d),
        float f => FloatRepr(f),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        BigInteger big => IntStr(big),
        IFormattable f when IsNumber(v) => f.ToString(null, CultureInfo.InvariantCulture),
        char c => c.ToString(),
        Guid g => g.ToString(),
        _ when PyDateTime.IsDate(v) => PyDateTime.Str(v),
        _ => Repr(v),
    };

    /// <summary>Python's <c>repr()</c>, used for containers.</summary>
    public static string Repr(object? v)
    {
        var sb = new StringBuilder();
        AppendRepr(sb, v, 0, null);

        // AppendRepr checks before each item; the last string may have taken it past the limit (a string's repr can
        // be four times its length, so [s]|string in a loop grows exponentially).
        if (sb.Length > SizeGuard.Limit)
        {
            SizeGuard.String(sb.Length);
        }

        return sb.ToString();
    }

    // `path` holds the lists and dicts being printed, outermost first: as Python, one that contains itself prints as [...] or {...}.
    private static void AppendRepr(StringBuilder sb, object? v, int depth, List<object>? path)
    {
        if (sb.Length > SizeGuard.Limit)
        {
            // Shared references print once per place: [x, x] nested 40 deep is small data with a huge text.
            SizeGuard.String(sb.Length);
        }

        switch (v)
        {
            case string s:
                AppendStringRepr(sb, s);
                return;
            case Markup m:
                sb.Append("Markup(");
                AppendStringRepr(sb, m.Value);
                sb.Append(')');
                return;
            case null or bool or long or int or double or float or decimal or BigInteger or Undefined:
                sb.Append(Str(v));
                return;
            case PyTuple t:
                StackGuard.EnsureData(depth, "the value printed");
                sb.Append('(');
                for (var i = 0; i < t.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(", ");
                    }

                    AppendRepr(sb, t[i], depth + 1, path);
                }

                sb.Append(t.Count == 1 ? ",)" : ")");
                return;
            case Namespace ns:
                StackGuard.EnsureData(depth, "the value printed");
                sb.Append("<Namespace ");
                var first = true;
                foreach (var (k, val) in ns.Values)
                {
                    sb.Append(first ? "" : ", ").Append(k).Append('=');
                    AppendRepr(sb, val, depth + 1, path);
                    first = false;
                }

                sb.Append('>');
                return;
        }

        if (PyAccess.AsMapping(v) is { } map)
        {
            if (Printing(ref path, v))
            {
                sb.Append("{...}");
                return;
            }

            StackGuard.EnsureData(depth, "the value printed");
            sb.Append('{');
            var first = true;
            foreach (var (k, val) in map)
            {
                sb.Append(first ? "" : ", ");
                AppendRepr(sb, k, depth + 1, path);
                sb.Append(": ");
                AppendRepr(sb, val, depth + 1, path);
                first = false;
            }

            sb.Append('}');
            path.RemoveAt(path.Count - 1);
            return;
        }

        if (v is IEnumerable e and (IList or ICollection or IReadOnlyCollection<object?>))
        {
            if (Printing(ref path, v))
            {
                sb.Append("[...]");
                return;
            }

            StackGuard.EnsureData(depth, "the value printed");
            sb.Append('[');
            var first = true;
            foreach (var item in e)
            {
                sb.Append(first ? "" : ", ");
                AppendRepr(sb, Normalize(item), depth + 1, path);
                first = false;
            }

            sb.Append(']');
            path.RemoveAt(path.Count - 1);
            return;
        }

        sb.Append(v.ToString());
    }

    // True when `container` is already being printed further out; otherwise adds it to the path.
    private static bool Printing([NotNull] ref List<object>? path, object container)
    {
        path ??= [];
        foreach (var outer in path)
        {
            if (ReferenceEquals(outer, container))
            {
                return true;
            }
        }

        path.Add(container);
        return false;
    }

    private static void AppendStringRepr(StringBuilder sb, string s) => Escaper.AppendPythonRepr(sb, s);

    /// <summary>Python's <c>repr(float)</c>: shortest round-trip digits, <c>2.0</c>, <c>1e+16</c>, <c>inf</c>, <c>nan</c>.</summary>
    public static string FloatRepr(double d) => Routing.PythonFormat.Float(d);

    public static int Length(object? v) => v switch
    {
        null => throw new JinjaRuntimeException("object of type 'NoneType' has no len()"),
        Undefined => 0,
        string s => new StringInfoLength(s).Value,
        Markup m => m.Value.Length,
        ICollection c => c.Count,
        IReadOnlyCollection<object?> c => c.Count,
        Namespace ns => ns.Values.Count,
        IEnumerable e => e.Cast<object?>().Count(),
        _ when PyAccess.AsMapping(v) is { } m => m.Count(),
        _ => throw new JinjaRuntimeException($"object of type '{TypeName(v)}' has no len()"),
    };

    private readonly struct StringInfoLength(string s)
    {
        // Python counts code points, not UTF-16 units.
        public int Value { get; } = s.Length - s.Count(char.IsLowSurrogate);
    }

    /// <summary>Iterates like Python: dicts yield keys, strings yield characters, undefined yields nothing.</summary>
    public static IEnumerable<object?> Iterate(object? v)
    {
        switch (v)
        {
            case Undefined:
                return [];
            case null:
                throw new JinjaRuntimeException("'NoneType' object is not iterable");
            case string s:
                return StringChars(s);
            case Markup m:
                return StringChars(m.Value);
            case PyTuple t:
                return t;
            case List<object?> l:
                return l;
        }

        if (PyAccess.AsMapping(v) is { } map)
        {
            return map.Select(p => p.Key);
        }

        if (v is IEnumerable e)
        {
            return e.Cast<object?>().Select(Normalize);
        }

        throw new JinjaRuntimeException($"'{TypeName(v)}' object is not iterable");
    }

    private static IEnumerable<object?> StringChars(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length)
            {
                yield return s.Substring(i++, 2);
            }
            else
            {
                yield return s[i].ToString();
            }
        }
    }

    public static List<object?> ToList(object? v)
    {
        // The common case, a model's list or array: one copy, no enumerator.
        if (v is IList list && !PyAccess.IsMapping(v))
        {
            var result = new List<object?>(list.Count);
            for (var i = 0; i < list.Count; i++)
            {
                result.Add(Normalize(list[i]));
            }

            return result;
        }

        return Iterate(v).ToList();
    }

    public static string TypeName(object? v) => v switch
    {
        null => "NoneType",
        string => "str",
        Markup => "Markup",
        bool => "bool",
        long or int or BigInteger => "int",
        double or float or decimal => "float",
        PyTuple => "tuple",
        Namespace => "Namespace",
        Undefined => "Undefined",
        _ when PyAccess.AsMapping(v) is not null => "dict",
        IList => "list",
        _ => v.GetType().Name,
    };
}
