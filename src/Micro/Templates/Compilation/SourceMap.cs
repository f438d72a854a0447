using Micro.Templates.Syntax;

namespace Micro.Templates.Compilation;

/// <summary>
/// Maps positions in generated Scriban source back to Jinja templates. The emitter records an entry
/// at every generated expression; an error at a Scriban position maps to the nearest entry before it.
/// </summary>
internal sealed class SourceMap
{
    private readonly List<(int Line, int Column, string Template, SourcePos Pos)> _entries = [];

    /// <summary>Records that Scriban position (0-based line, 0-based column) comes from <paramref name="pos"/>.</summary>
    public void Add(int line, int column, string template, SourcePos pos)
    {
        if (_entries.Count > 0)
        {
            var last = _entries[^1];
            if (last.Line == line && last.Column == column)
            {
                _entries[^1] = (line, column, template, pos);
                return;
            }
        }

        _entries.Add((line, column, template, pos));
    }

    /// <summary>Finds the Jinja template and position for a 0-based Scriban line and column.</summary>
    public (string? Template, SourcePos Pos) Find(int line, int column)
    {
        (string? Template, SourcePos Pos) best = (null, default);
        foreach (var e in _entries)
        {
            if (e.Line > line || (e.Line == line && e.Column > column))
            {
                break;
            }

            best = (e.Template, e.Pos);
        }

        return best.Template is null && _entries.Count > 0 ? (_entries[0].Template, _entries[0].Pos) : best;
    }
}
