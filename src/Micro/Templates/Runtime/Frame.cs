using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace Micro.Templates.Runtime;

/// <summary>
/// One Jinja scope (template, loop iteration, macro call, with block). Generated code reads and writes
/// variables as <c>$f0["name"]</c>; a name not found here is looked up in the parent, then in the
/// render's globals, and is otherwise <see cref="Undefined"/>.
/// </summary>
internal sealed class Frame(Frame? parent, RenderGlobals? globals) : IScriptObject
{
    // The first binding lives inline (a loop iteration's frame usually holds just its target), the rest in a list.
    private string? _name0;
    private object? _value0;
    private List<KeyValuePair<string, object?>>? _vars;

    /// <summary>For a loop iteration's frame, the item (used by the <c>if</c> clause pre-pass).</summary>
    public object? LoopItem { get; init; }

    /// <summary>The enclosing scope.</summary>
    public Frame? Parent { get; } = parent;

    /// <summary>Where names not bound in any frame come from.</summary>
    public RenderGlobals? Globals { get; } = globals ?? parent?.Globals;

    /// <summary>The names bound directly in this frame, in binding order.</summary>
    public IReadOnlyList<KeyValuePair<string, object?>> Own =>
        _name0 is null ? [] : [new(_name0, _value0), .. (IEnumerable<KeyValuePair<string, object?>>?)_vars ?? []];

    public object? Get(string name)
    {
        for (var f = this; f is not null; f = f.Parent)
        {
            if (f.TryGetOwn(name, out var value))
            {
                return value;
            }
        }

        return Globals is not null && Globals.TryGet(name, out var global) ? global : Undefined.Named(name);
    }

    private bool TryGetOwn(string name, out object? value)
    {
        if (_vars is { } vars)
        {
            for (var i = vars.Count - 1; i >= 0; i--)
            {
                if (vars[i].Key == name)
                {
                    value = vars[i].Value;
                    return true;
                }
            }
        }

        if (_name0 is not null && _name0 == name)
        {
            value = _value0;
            return true;
        }

        value = null;
        return false;
    }

    public bool HasOwn(string name) => TryGetOwn(name, out _);

    public void Set(string name, object? value)
    {
        if (_name0 is null || _name0 == name)
        {
            _name0 = name;
            _value0 = value;
            return;
        }

        _vars ??= new List<KeyValuePair<string, object?>>(4);
        for (var i = 0; i < _vars.Count; i++)
        {
            if (_vars[i].Key == name)
            {
                _vars[i] = new(name, value);
                return;
            }
        }

        _vars.Add(new(name, value));
    }

    /// <inheritdoc/>
    public int Count => _name0 is null ? 0 : 1 + (_vars?.Count ?? 0);

    /// <inheritdoc/>
    public bool IsReadOnly { get => false; set { } }

    /// <inheritdoc/>
    public IEnumerable<string> GetMembers() => Own.Select(v => v.Key);

    /// <inheritdoc/>
    public bool Contains(string member) => true;

    /// <inheritdoc/>
    public bool TryGetValue(TemplateContext? context, SourceSpan span, string member, out object? value)
    {
        value = Get(member);
        return true;
    }

    /// <inheritdoc/>
    public bool CanWrite(string member) => true;

    /// <inheritdoc/>
    public bool TrySetValue(TemplateContext? context, SourceSpan span, string member, object? value, bool readOnly)
    {
        Set(member, PyOps.Normalize(value));
        return true;
    }

    /// <inheritdoc/>
    public bool Remove(string member) => false;

    /// <inheritdoc/>
    public void SetReadOnly(string member, bool readOnly)
    {
    }

    /// <inheritdoc/>
    public IScriptObject Clone(bool deep) => this;
}
