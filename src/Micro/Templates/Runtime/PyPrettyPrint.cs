using System.Collections;
using System.Text;
using System.Text.RegularExpressions;

namespace Micro.Templates.Runtime;

/// <summary>
/// Python's <c>pprint.pformat(value)</c> (width 80, indent 1, dicts sorted by key), which Jinja's <c>pprint</c>
/// filter returns: the repr when it fits, else dicts, lists and tuples one item per line and long strings cut
/// at white space into adjacent literals, following pprint.PrettyPrinter's own layout rules.
/// </summary>
internal static partial class PyPrettyPrint
{
    private const int Width = 80;

    /// <summary>Formats <paramref name="value"/> as <c>pprint.pformat</c> does.</summary>
    public static string Format(object? value)
    {
        var printer = new Printer();
        printer.Write(value, indent: 0, allowance: 0, level: 0);
        return printer.Text.ToString();
    }

    [GeneratedRegex(@"\S*\s*")]
    private static partial Regex Words();

    private enum Kind
    {
        Other,
        Dict,
        List,
        Tuple,
        Str,
    }

    private static Kind KindOf(object? v) => v switch
    {
        string => Kind.Str,
        PyTuple => Kind.Tuple,
        _ when PyAccess.IsMapping(v) => Kind.Dict,
        IList => Kind.List,
        _ => Kind.Other,
    };

    // Dict items in sorted order: by key, then value; keys Python cannot order fall back to their type's name.
    private static List<KeyValuePair<object?, object?>> SortedItems(object dict)
    {
        var items = PyAccess.AsMapping(dict)!.ToList();
        var comparer = Comparer<KeyValuePair<object?, object?>>.Create((x, y) =>
        {
            var c = SafeCompare(x.Key, y.Key);
            return c != 0 ? c : SafeCompare(x.Value, y.Value);
        });
        return [.. items.Order(comparer)];
    }

    private static int SafeCompare(object? a, object? b)
    {
        try
        {
            return PyOps.Compare(a, b);
        }
        catch (JinjaRuntimeException)
        {
            return string.CompareOrdinal(PyOps.TypeName(a), PyOps.TypeName(b));
        }
    }

    private sealed class Printer
    {
        private readonly HashSet<object> _context = new(ReferenceEqualityComparer.Instance);

        public StringBuilder Text { get; } = new();

        // PrettyPrinter._format.
        public void Write(object? value, int indent, int allowance, int level)
        {
            var kind = KindOf(value);
            if (kind is Kind.Dict or Kind.List or Kind.Tuple && _context.Contains(value!))
            {
                Text.Append(Recursion(value));
                return;
            }

            var rep = Repr(value, 0);
            if (rep.Length > Width - indent - allowance && kind != Kind.Other)
            {
                StackGuard.EnsureData(level, "the value printed");
                _context.Add(value!);
                switch (kind)
                {
                    case Kind.Dict:
                        WriteDict(value!, indent, allowance, level + 1);
                        break;
                    case Kind.List:
                        Text.Append('[');
                        WriteItems(PyOps.ToList(value), indent, allowance + 1, level + 1);
                        Text.Append(']');
                        break;
                    case Kind.Tuple:
                        var t = (PyTuple)value!;
                        var end = t.Count == 1 ? ",)" : ")";
                        Text.Append('(');
                        WriteItems([.. t.Items], indent, allowance + end.Length, level + 1);
                        Text.Append(end);
                        break;
                    default:
                        WriteStr((string)value!, indent, allowance, level + 1);
                        break;
                }

                _context.Remove(value!);
                SizeGuard.String(Text.Length);
                return;
            }

            Text.Append(rep);
            SizeGuard.String(Text.Length);
        }

        private static string Recursion(object? value) => $"<Recursion on {PyOps.TypeName(value)}>";

        // PrettyPrinter._safe_repr: repr with dicts sorted.
        private string Repr(object? value, int depth)
        {
            switch (KindOf(value))
            {
                case Kind.Dict:
                    if (PyOps.Length(value) == 0)
                    {
                        return "{}";
                    }

                    if (!_context.Add(value!))
                    {
                        return Recursion(value);
                    }

                    StackGuard.EnsureData(depth, "the value printed");
                    var parts = SortedItems(value!).Select(p => Repr(p.Key, depth + 1) + ": " + Repr(p.Value, depth + 1)).ToList();
                    _context.Remove(value!);
                    return "{" + SizeGuard.JoinChecked(", ", parts) + "}";
                case Kind.List or Kind.Tuple:
                    var items = PyOps.ToList(value);
                    if (items.Count == 0)
                    {
                        return value is PyTuple ? "()" : "[]";
                    }

                    if (!_context.Add(value!))
                    {
                        return Recursion(value);
                    }

                    StackGuard.EnsureData(depth, "the value printed");
                    var inner = SizeGuard.JoinChecked(", ", items.Select(i => Repr(i, depth + 1)));
                    _context.Remove(value!);
                    return value is PyTuple ? (items.Count == 1 ? "(" + inner + ",)" : "(" + inner + ")") : "[" + inner + "]";
                default:
                    return PyOps.Repr(value);
            }
        }

        // PrettyPrinter._pprint_dict and _format_dict_items.
        private void WriteDict(object dict, int indent, int allowance, int level)
        {
            Text.Append('{');
            var items = SortedItems(dict);
            indent += 1;
            allowance += 1;
            for (var i = 0; i < items.Count; i++)
            {
                var last = i == items.Count - 1;
                var rep = Repr(items[i].Key, 0);
                Text.Append(rep).Append(": ");
                Write(items[i].Value, indent + rep.Length + 2, last ? allowance : 1, level);
                if (!last)
                {
                    Text.Append(",\n").Append(' ', indent);
                }
            }

            Text.Append('}');
        }

        // PrettyPrinter._format_items (not compact).
        private void WriteItems(List<object?> items, int indent, int allowance, int level)
        {
            indent += 1;
            for (var i = 0; i < items.Count; i++)
            {
                if (i > 0)
                {
                    Text.Append(",\n").Append(' ', indent);
                }

                Write(items[i], indent, i == items.Count - 1 ? allowance : 1, level);
            }
        }

        // PrettyPrinter._pprint_str: a long string as adjacent literals, cut after white space.
        private void WriteStr(string s, int indent, int allowance, int level)
        {
            if (s.Length == 0)
            {
                Text.Append("''");
                return;
            }

            var chunks = new List<string>();
            var lines = PyString.SplitLines(s, keepends: true);
            if (level == 1)
            {
                indent += 1;
                allowance += 1;
            }

            var maxWidth = Width - indent;
            var maxWidth1 = maxWidth;
            var rep = "";
            for (var i = 0; i < lines.Count; i++)
            {
                rep = PyOps.Repr(lines[i]);
                if (i == lines.Count - 1)
                {
                    maxWidth1 -= allowance;
                }

                if (rep.Length <= maxWidth1)
                {
                    chunks.Add(rep);
                    continue;
                }

                var parts = Words().Matches(lines[i]).Select(m => m.Value).ToList();
                parts.RemoveAt(parts.Count - 1);
                var maxWidth2 = maxWidth;
                var current = "";
                for (var j = 0; j < parts.Count; j++)
                {
                    var candidate = current + parts[j];
                    if (j == parts.Count - 1 && i == lines.Count - 1)
                    {
                        maxWidth2 -= allowance;
                    }

                    if (PyOps.Repr(candidate).Length > maxWidth2)
                    {
                        if (current.Length > 0)
                        {
                            chunks.Add(PyOps.Repr(current));
                        }

                        current = parts[j];
                    }
                    else
                    {
                        current = candidate;
                    }
                }

                if (current.Length > 0)
                {
                    chunks.Add(PyOps.Repr(current));
                }
            }

            if (chunks.Count == 1)
            {
                Text.Append(rep);
                return;
            }

            if (level == 1)
            {
                Text.Append('(');
            }

            for (var i = 0; i < chunks.Count; i++)
            {
                if (i > 0)
                {
                    Text.Append('\n').Append(' ', indent);
                }

                Text.Append(chunks[i]);
            }

            if (level == 1)
            {
                Text.Append(')');
            }
        }
    }
}
