namespace Micro.Templates.Runtime;

/// <content>Equality, ordering and membership with Python's rules.</content>
internal static partial class PyOps
{
    public static new bool Equals(object? a, object? b) => Equals(a, b, 0);

    private static bool Equals(object? a, object? b, int depth)
    {
        if (a is long la0 && b is long lb0)
        {
            return la0 == lb0;
        }

        if (a is Undefined && b is Undefined)
        {
            return true;
        }

        if (a is Undefined || b is Undefined)
        {
            return false;
        }

        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        if (BothNumbers(a, b))
        {
            return CompareNumbers(a, b) == 0;
        }

        if ((a is string or Markup) && (b is string or Markup))
        {
            return Str(a) == Str(b);
        }

        if (a is PyTuple ta && b is PyTuple tb)
        {
            if (ta.Count != tb.Count)
            {
                return false;
            }

            StackGuard.EnsureData(depth, "the data compared");
            for (var i = 0; i < ta.Count; i++)
            {
                if (!ReferenceEquals(ta[i], tb[i]) && !Equals(ta[i], tb[i], depth + 1))
                {
                    return false;
                }
            }

            return true;
        }

        if (a is System.Collections.IList la && b is System.Collections.IList lb && a is not PyTuple && b is not PyTuple)
        {
            // As Python: an item is equal to itself (so a list holding itself equals itself), else compared by value.
            if (ReferenceEquals(la, lb))
            {
                return true;
            }

            if (la.Count != lb.Count)
            {
                return false;
            }

            StackGuard.EnsureData(depth, "the data compared");
            for (var i = 0; i < la.Count; i++)
            {
                var x = la[i];
                var y = lb[i];
                if (!(ReferenceEquals(x, y) && x is System.Collections.IList or PyTuple) && !Equals(Normalize(x), Normalize(y), depth + 1))
                {
                    return false;
                }
            }

            return true;
        }

        if (PyAccess.IsMapping(a) && PyAccess.IsMapping(b))
        {
            return ReferenceEquals(a, b) || MappingEquals(a, b, depth);
        }

        return a.Equals(b);
    }

    // Python's dict ==: the same keys (by Python equality), each with an equal value; order does not matter.
    private static bool MappingEquals(object a, object b, int depth)
    {
        if (Length(a) != Length(b))
        {
            return false;
        }

        StackGuard.EnsureData(depth, "the data compared");
        var bEntries = PyAccess.AsMapping(b)!;
        foreach (var (k, va) in PyAccess.AsMapping(a)!)
        {
            if (!PyAccess.TryGetKey(b, k, out var vb))
            {
                // A key of another type that Python calls equal (1 and 1.0): look for it.
                var found = false;
                foreach (var (kb, v) in bEntries)
                {
                    if (Equals(k, kb, depth + 1))
                    {
                        (found, vb) = (true, v);
                        break;
                    }
                }

                if (!found)
                {
                    return false;
                }
            }

            if (!ReferenceEquals(va, vb) && !Equals(va, vb, depth + 1))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Python ordering: numbers, strings (by code point), sequences element by element.</summary>
    public static int Compare(object? a, object? b, string op = "<") => Compare(a, b, op, 0);

    private static int Compare(object? a, object? b, string op, int depth)
    {
        if (a is long la0 && b is long lb0)
        {
            return la0.CompareTo(lb0);
        }

        if (BothNumbers(a, b))
        {
            // NaN is unordered: every comparison with it is False, which 1 (for '<') or -1 (for '>') gives.
            var c = CompareNumbers(a!, b!);
            return c == int.MinValue ? (op[0] == '<' ? 1 : -1) : c;
        }

        if ((a is string or Markup) && (b is string or Markup))
        {
            return string.CompareOrdinal(Str(a), Str(b)) switch { < 0 => -1, > 0 => 1, _ => 0 };
        }

        if ((a is PyTuple && b is PyTuple) || (a is System.Collections.IList && b is System.Collections.IList && a is not PyTuple && b is not PyTuple && !PyAccess.IsMapping(a) && !PyAccess.IsMapping(b)))
        {
            StackGuard.EnsureData(depth, "the data compared");
            var la = ToList(a);
            var lb = ToList(b);
            for (var i = 0; i < Math.Min(la.Count, lb.Count); i++)
            {
                if (!Equals(la[i], lb[i], depth + 1))
                {
                    return Compare(la[i], lb[i], op, depth + 1);
                }
            }

            return la.Count.CompareTo(lb.Count);
        }

        if (a is DateTime da && b is DateTime db)
        {
            return da.CompareTo(db);
        }

        if (a is IComparable ca && b is not null && a.GetType() == b.GetType())
        {
            return ca.CompareTo(b);
        }

        CheckDefined(a, b);
        throw new JinjaRuntimeException($"'{op}' not supported between instances of '{TypeName(a)}' and '{TypeName(b)}'");
    }

    public static bool Contains(object? container, object? item)
    {
        switch (container)
        {
            case string s:
                return item is string or Markup ? s.Contains(Str(item), StringComparison.Ordinal) : throw new JinjaRuntimeException($"'in <string>' requires string as left operand, not {TypeName(item)}");
            case Markup m:
                return m.Value.Contains(Str(item), StringComparison.Ordinal);
            case Undefined:
                // Jinja's Undefined iterates as empty: nothing is in it.
                return false;
        }

        if (PyAccess.AsMapping(container) is { } map)
        {
            return map.Any(p => Equals(p.Key, item));
        }

        return Iterate(container).Any(x => Equals(x, item));
    }
}
