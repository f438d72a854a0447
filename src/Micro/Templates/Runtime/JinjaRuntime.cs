using System.Globalization;
using Micro.Templates.Compilation;
using Scriban.Runtime;

namespace Micro.Templates.Runtime;

/// <summary>
/// The functions generated code calls, registered once in a read-only Scriban object shared by all
/// renders (templates cannot write to it: every Jinja variable lives in a <see cref="Frame"/>).
/// </summary>
internal static class JinjaRuntime
{
    /// <summary>The helpers by name, for <see cref="FastCallRewriter"/>.</summary>
    public static Dictionary<string, JinjaFunction> Functions { get; } = new(StringComparer.Ordinal);

    /// <summary>The shared, read-only Scriban object holding every helper.</summary>
    public static ScriptObject Builtins { get; } = CreateBuiltins();

    private static ScriptObject CreateBuiltins()
    {
        var o = new ScriptObject();
        void F(string name, Func<RenderContext, object?[], object?> f)
        {
            var fn = new JinjaFunction(name, f);
            o.SetValue(name, fn, true);
            Functions[name] = fn;
        }


        F("j_root", (c, _) => c.PendingRoot);
        F("j_guard", (_, _) =>
        {
            // Emitted every few levels of nested tags (see ScribanEmitter.EmitBody).
            StackGuard.Ensure("the template");
            return null;
        });
        F("j_frame", (_, a) => new Frame((Frame)a[0]!, null));
        F("j_bframe", (_, a) => new Frame(((BlockCall)a[0]!).Frame, null));
        F("j_rframe", (_, a) => new Frame(((RecursiveCall)a[0]!).Frame, null));
        F("j_riter", (_, a) => ((RecursiveCall)a[0]!).Iterable);
        F("j_mframe", (_, a) => BindMacro((MacroCall)a[0]!));
        F("j_unset", (_, a) => !((Frame)a[0]!).HasOwn((string)a[1]!));
        F("j_return", (c, a) =>
        {
            // Function units hand their result back here rather than with Scriban's `ret`, whose flow
            // state only Scriban's own call node resets.
            c.ReturnValue = a[0];
            return null;
        });
        F("j_cap", (_, a) => a[1] is true ? new Markup(a[0]?.ToString() ?? "") : a[0]?.ToString() ?? "");
        F("j_markup", (_, a) => new Markup((string)a[0]!));
        F("j_e", (_, a) => a[0] is Markup m ? m : new Markup(Markup.EscapeText(PyOps.Str(a[0]))));
        F("j_s", (_, a) => a[0] is Markup m ? m : new Markup(PyOps.Str(a[0])));
        F("j_loop", (_, a) => new LoopContext(PyOps.ToList(a[0]), a[1] as RecursiveCall));
        F("j_keep", (_, a) =>
        {
            ((LoopContext)a[0]!).Kept.Add(((Frame)a[1]!).LoopItem);
            return null;
        });
        F("j_kept", (_, a) => ((LoopContext)a[0]!).Kept);
        F("j_none", (_, a) => ((LoopContext)a[0]!).Items.Count == 0);
        F("j_rloop", (c, a) =>
        {
            var (program, root) = c.Current;
            var unit = program.Functions[Convert.ToInt32(a[0], CultureInfo.InvariantCulture)];
            return c.Invoke(unit, program, root, new RecursiveCall(unit, program, (Frame)a[1]!, a[2], 1));
        });
        F("j_unpack", (_, a) =>
        {
            var items = PyOps.ToList(a[0]);
            var n = Convert.ToInt32(a[1], CultureInfo.InvariantCulture);
            if (items.Count != n)
            {
                throw new JinjaRuntimeException(items.Count > n ? $"too many values to unpack (expected {n})" : $"not enough values to unpack (expected {n}, got {items.Count})");
            }

            return items;
        });
        F("j_setattr", (_, a) =>
        {
            if (a[0] is not Namespace ns)
            {
                throw new JinjaRuntimeException("cannot assign attribute on non-namespace object");
            }

            ns.Values[(string)a[1]!] = PyOps.Normalize(a[2]);
            return null;
        });
        F("j_macro", (c, a) =>
        {
            var program = c.Current.Program;
            return new Macro(program.Functions[Convert.ToInt32(a[0], CultureInfo.InvariantCulture)], program, (Frame)a[1]!);
        });
        F("j_block", (c, a) =>
        {
            var (program, root) = c.Current;
            var name = (string)a[0]!;
            var level = Convert.ToInt32(a[1], CultureInfo.InvariantCulture);
            if (!program.Blocks.TryGetValue(name, out var chain) || level >= chain.Count)
            {
                throw new JinjaRuntimeException(level > 0 ? $"no parent block called '{name}'" : $"no block called '{name}'");
            }

            return c.Invoke(program.Functions[chain[level]], program, root, new BlockCall(a[2] as Frame ?? root));
        });
        F("j_include", (c, a) => Include(c, a[0], a[1] as Frame, a[2] is true));
        F("j_import", (c, a) => Import(c, a[0], a[1] as Frame));
        F("j_from", (_, a) =>
        {
            var module = (TemplateModule)a[0]!;
            var name = (string)a[1]!;
            return module.TryGet(name, out var v) ? v : new Undefined($"the template '{module.Name}' does not export the requested name '{name}'");
        });
        o.IsReadOnly = true;
        return o;
    }

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

    private static Frame BindMacro(MacroCall call)
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

    private static object Include(RenderContext c, object? names, Frame? frame, bool ignoreMissing)
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

    private static TemplateModule Import(RenderContext c, object? nameValue, Frame? frame)
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
