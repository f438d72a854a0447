using System.Numerics;

namespace Micro.Templates.Runtime;

/// <summary>Jinja's default globals: <c>range</c>, <c>dict</c>, <c>namespace</c>, <c>cycler</c>, <c>joiner</c>.</summary>
internal static class BuiltinGlobals
{
    public static void Register(IDictionary<string, object?> g)
    {
        g["range"] = new BuiltinCallable("range", (_, a) =>
        {
            var p = a.Positional.Select(v => PyOps.IsInteger(v) ? PyOps.ToBig(v) : throw new JinjaRuntimeException($"'{PyOps.TypeName(v)}' object cannot be interpreted as an integer")).ToList();
            var (start, stop, step) = p.Count switch
            {
                1 => (BigInteger.Zero, p[0], BigInteger.One),
                2 => (p[0], p[1], BigInteger.One),
                3 => (p[0], p[1], p[2]),
                _ => throw new JinjaRuntimeException("range expected at most 3 arguments"),
            };
            if (step.IsZero)
            {
                throw new JinjaRuntimeException("range() arg 3 must not be zero");
            }

            // Python's len(range(...)), checked before building anything.
            var count = step.Sign > 0 ? (stop - start + step - 1) / step : (start - stop - step - 1) / -step;
            if (count > 100_000)
            {
                throw new JinjaRuntimeException("Range too big. The sandbox blocks ranges larger than MAX_RANGE (100000).");
            }

            var result = new List<object?>(count.Sign > 0 ? (int)count : 0);
            for (var i = 0; i < count; i++)
            {
                result.Add(PyOps.Int(start + (step * i)));
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
