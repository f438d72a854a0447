namespace Micro.Templates.Runtime;

/// <summary>
/// The names a template sees without binding them: per-render values, then the model's members or
/// keys, then the engine's globals (including Jinja's <c>range</c>, <c>dict</c>, <c>namespace</c>).
/// </summary>
internal sealed class RenderGlobals(IReadOnlyDictionary<string, object?>? perRender, object? model, IReadOnlyDictionary<string, object?> engineGlobals)
{
    /// <summary>Globals only, for imports without context.</summary>
    public RenderGlobals WithoutContext() => new(null, null, engineGlobals);

    public bool TryGet(string name, out object? value)
    {
        if (perRender is not null && perRender.TryGetValue(name, out value))
        {
            value = PyOps.Normalize(value);
            return true;
        }

        if (model is not null)
        {
            if (PyAccess.IsMapping(model))
            {
                if (PyAccess.TryGetKey(model, name, out value))
                {
                    return true;
                }
            }
            else if (MemberAccess.TryGet(model, name, out value))
            {
                return true;
            }
        }

        return engineGlobals.TryGetValue(name, out value);
    }
}
