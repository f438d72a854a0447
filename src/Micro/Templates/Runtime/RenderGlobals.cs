namespace Micro.Templates.Runtime;

/// <summary>
/// The names a template sees without binding them: the model's members or keys, then per-render
/// values, then the engine's globals (including Jinja's <c>range</c>, <c>dict</c>, <c>namespace</c>).
/// </summary>
internal sealed class RenderGlobals(IReadOnlyDictionary<string, object?>? perRender, object? model, IReadOnlyDictionary<string, object?> engineGlobals)
{
    /// <summary>
    /// Globals only, for imports and includes without context. Per-render values stay visible: in Flask
    /// <c>url_for</c>, <c>request</c>, <c>session</c> and <c>g</c> are environment globals, so an imported
    /// macro file can use them.
    /// </summary>
    public RenderGlobals WithoutContext() => new(perRender, null, engineGlobals);

    // Flask's order: the render's own arguments win over per-request context (request, session, ...),
    // which wins over the environment's globals.
    public bool TryGet(string name, out object? value)
    {
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

        if (perRender is not null && perRender.TryGetValue(name, out value))
        {
            value = PyOps.Normalize(value);
            return true;
        }

        return engineGlobals.TryGetValue(name, out value);
    }
}
