namespace Micro.Templates.Runtime;

/// <summary>Jinja's default globals: <c>range</c>, <c>dict</c>, <c>namespace</c>, <c>cycler</c>, <c>joiner</c>.</summary>
internal static class BuiltinGlobals
{
    public static void Register(IDictionary<string, object?> g)
    {
        g["range"] = new BuiltinCallable("range", (_, a) =>
        {
            var p = a.Positional.Select(PyOps.ToLong).ToList();
            var (start, stop, step) = p.Count switch
            {
                1 => (0L, p[0], 1L),
                2 => (p[0], p[1], 1L),
                3 => (p[0], p[1], p[2]),
                _ => throw new JinjaRuntimeException("range expected at most 3 arguments"),
            };
            if (step == 0)
            {
                throw new JinjaRuntimeException("range() arg 3 must not be zero");
            }

            var result = new List<object?>();
            for (var i = start; step > 0 ? i < stop : i > stop; i += step)
            {
                if (result.Count >= 100_000)
                {
                    throw new JinjaRuntimeException("Range too big. The sandbox blocks ranges larger than MAX_RANGE (100000).");
                }

                result.Add(i);
            }

            return result;
        });
        g["dict"] = new BuiltinCallable("dict", (_, a) =>
        {
            var d = new Dictionary<object, object?>();
            foreach (var (k, v) in a.Keywords)
            {
                d[k] = v;
            }

            return d;
        });
        g["namespace"] = new BuiltinCallable("namespace", (_, a) =>
        {
            var ns = new Namespace();
            if (a.Positional.Count > 0)
            {
                foreach (var (k, v) in PyAccess.AsMapping(a.Positional[0]) ?? [])
                {
                    ns.Values[PyOps.Str(k)] = v;
                }
            }

            foreach (var (k, v) in a.Keywords)
            {
                ns.Values[k] = v;
            }

            return ns;
        });
        g["joiner"] = new BuiltinCallable("joiner", (_, a) =>
        {
            var sep = a.Get(0, "sep", ", ");
            var used = false;
            return new BuiltinCallable("joiner", (_, _) =>
            {
                if (!used)
                {
                    used = true;
                    return "";
                }

                return sep;
            });
        });
    }
}
