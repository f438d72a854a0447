using System.Globalization;
using Micro.Templates.Compilation;
using Scriban.Runtime;

namespace Micro.Templates.Runtime;

/// <summary>
/// What the nodes of a compiled template call at run time: calling a value, binding a macro's arguments, blocks,
/// includes and imports, unpacking and namespace assignment.
/// </summary>
internal static class JinjaRuntime
{
    /// <summary>
    /// The builtins every render's Scriban context starts from: empty and read-only, because compiled templates call
    /// C# directly and keep every Jinja variable in a <see cref="Frame"/>.
    /// </summary>
    public static ScriptObject Builtins { get; } = new() { IsReadOnly = true };

    /// <summary>Renders block <paramref name="name"/> at <paramref name="level"/> of the inheritance chain (0 = the most derived) in <paramref name="scope"/> (null: the top level).</summary>
    public static object Block(RenderContext c, string name, int level, Frame? scope)
    {
        var (program, root) = c.Current;
        if (c.Blocks is { } table)
        {
            // The chain was extended at run time (a computed or conditional {% extends %}).
            return Inheritance.Block(c, table, name, level, scope ?? root, root);
        }

        if (!program.Blocks.TryGetValue(name, out var chain) || level >= chain.Count)
        {
            throw new JinjaRuntimeException(level > 0 ? $"there is no parent block called '{name}'." : $"no block called '{name}'");
        }

        return c.Invoke(program.Functions[chain[level]], program, root, new BlockCall(scope ?? root));
    }

    /// <summary>Unpacks <paramref name="value"/> into exactly <paramref name="count"/> items, as Python's tuple assignment does.</summary>
    public static List<object?> Unpack(object? value, int count)
    {
        var items = PyOps.ToList(value);
        if (items.Count != count)
        {
            throw new JinjaRuntimeException(items.Count > count ? $"too many values to unpack (expected {count})" : $"not enough values to unpack (expected {count}, got {items.Count})");
        }

        return items;
    }

    /// <summary><c>{% set ns.name = value %}</c>: only a namespace takes attribute assignment.</summary>
    public static void SetAttribute(object? owner, string name, object? value)
    {
        if (owner is not Namespace ns)
        {
            throw new JinjaRuntimeException("cannot assign attribute on non-namespace object");
        }

        ns.Values[name] = PyOps.Normalize(value);
    }

    /// <summary>A name imported with <c>{% from ... import name %}</c>, or an undefined value saying why it is missing.</summary>
    public static object? From(TemplateModule module, string name) =>
        module.TryGet(name, out var v) ? v : new Undefined($"the template '{module.Name}' does not export the requested name '{name}'");

    public static object? Call(RenderContext c, object? callee, Arguments args)
    {
        switch (callee)
        {
            case Macro m:
                var root = m.Closure;
                while (root.Parent is not null)
                {
                    root = root.Parent;
                }

                return c.Invoke(m.Unit, m.Program, root, new MacroCall(m, args));
            case BoundMethod b:
                return b.Invoke(args);
            case BuiltinCallable bc:
                return bc.Invoke(c, args);
            case TemplateFunction tf:
                return PyOps.Normalize(tf(args.Positional, args.KeywordDictionary()));
            case LoopIteration { Loop.Recursive: { } rc }:
                return c.Invoke(rc.Unit, rc.Program, c.Current.Root, rc with { Iterable = args.Get(0, "iterable"), Depth = rc.Depth + 1 });
            case LoopContext { Recursive: { } rc }:
                return c.Invoke(rc.Unit, rc.Program, c.Current.Root, rc with { Iterable = args.Get(0, "iterable"), Depth = rc.Depth + 1 });
            case Undefined u:
                throw new JinjaRuntimeException(u.Hint);
            case Delegate d:
                var ps = d.Method.GetParameters();
                var values = new object?[ps.Length];
                for (var i = 0; i < ps.Length; i++)
                {
                    var v = args.Get(i, ps[i].Name ?? "", ps[i].HasDefaultValue ? ps[i].DefaultValue : null);
                    values[i] = v is null || ps[i].ParameterType.IsInstanceOfType(v) ? v : Convert.ChangeType(v, ps[i].ParameterType, CultureInfo.InvariantCulture);
                }

                return PyOps.Normalize(d.DynamicInvoke(values));
            default:
                throw new JinjaRuntimeException($"'{PyOps.TypeName(callee)}' object is not callable");
        }
    }

    /// <summary>The frame of a macro call: parameters bound from the arguments, <c>caller</c>, <c>varargs</c>, <c>kwargs</c> (defaults are the unit's).</summary>
    public static Frame BindMacro(MacroCall call)
    {
        var sig = call.Macro.Signature;
        var frame = new Frame(call.Macro.Closure, null);
        var args = call.Args;
        var ps = sig.Parameters;
        for (var i = 0; i < ps.Count && i < args.Positional.Count; i++)
        {
            frame.Set(ps[i], args.Positional[i]);
        }

        if (args.Positional.Count > ps.Count && !sig.CatchVarargs)
        {
            throw new JinjaRuntimeException($"macro '{sig.Name}' takes not more than {ps.Count} argument(s)");
        }

        var extra = new Dictionary<object, object?>();
        var caller = (object?)Undefined.Named("caller");
        foreach (var (k, v) in args.Keywords)
        {
            if (ps.Contains(k))
            {
                frame.Set(k, v);
            }
            else if (k == "caller")
            {
                if (!sig.CatchCaller)
                {
                    throw new JinjaRuntimeException($"macro '{sig.Name}' was invoked with two values for the special caller argument. This is most likely a bug.");
                }

                caller = v;
            }
            else if (sig.CatchKwargs)
            {
                extra[k] = v;
            }
            else
            {
                throw new JinjaRuntimeException($"macro '{sig.Name}' takes no keyword argument '{k}'");
            }
        }

        for (var i = 0; i < ps.Count; i++)
        {
            if (!sig.HasDefault[i] && !frame.HasOwn(ps[i]))
            {
                frame.Set(ps[i], Undefined.Named(ps[i]));
            }
        }

        if (sig.CatchCaller && !ps.Contains("caller"))
        {
            frame.Set("caller", caller);
        }

        if (sig.CatchVarargs)
        {
            frame.Set("varargs", new PyTuple(args.Positional.Skip(ps.Count).ToArray()));
        }

        if (sig.CatchKwargs)
        {
            frame.Set("kwargs", extra);
        }

        return frame;
    }

    /// <summary><c>{% include %}</c>: the first of <paramref name="names"/> that exists, rendered with the caller's frame or the globals only.</summary>
    public static object Include(RenderContext c, object? names, Frame? frame, bool ignoreMissing)
    {
        var candidates = names is string s ? [s] : PyOps.Iterate(names).Select(PyOps.Str).ToList();
        CompiledTemplate? program = null;
        TemplateException? missing = null;
        foreach (var name in candidates)
        {
            try
            {
                program = c.Engine.GetCompiled(name);
                break;
            }
            catch (TemplateException e) when (e.SearchedFolders.Count > 0)
            {
                missing ??= e;
            }
        }

        if (program is null)
        {
            if (ignoreMissing)
            {
                return new Markup("");
            }

            throw missing ?? new TemplateException("No template to include.", null, 0, 0);
        }

        var root = frame is null ? new Frame(null, c.Globals.WithoutContext()) : new Frame(frame, null);
        return new Markup(c.Capture(program, root));
    }

    /// <summary><c>{% import %}</c>: a template run for its top-level names (cached per render when imported without context).</summary>
    public static TemplateModule Import(RenderContext c, object? nameValue, Frame? frame)
    {
        var name = PyOps.Str(nameValue);
        if (frame is null && c.Modules.TryGetValue(name, out var cached))
        {
            return cached;
        }

        var program = c.Engine.GetCompiled(name);
        var root = frame is null ? new Frame(null, c.Globals.WithoutContext()) : new Frame(frame, null);
        c.Capture(program, root);
        var module = new TemplateModule(name, root);
        if (frame is null)
        {
            c.Modules[name] = module;
        }

        return module;
    }
}
