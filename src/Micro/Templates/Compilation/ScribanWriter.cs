using System.Globalization;
using System.Text;
using Micro.Templates.Syntax;

namespace Micro.Templates.Compilation;

/// <summary>
/// Writes Scriban source for one unit, switching between text and code mode, tracking the Scriban
/// line and column of everything written so the source map can point back at the Jinja template.
/// </summary>
internal sealed class ScribanWriter(string template)
{
    private readonly StringBuilder _sb = new();
    private int _line;
    private int _col;
    private bool _inCode;
    private int _temp;

    /// <summary>The Jinja template whose positions are recorded.</summary>
    public string Template { get; set; } = template;

    /// <summary>The source map being built.</summary>
    public SourceMap Map { get; } = new();

    /// <summary>The current frame depth: the frame variable is <c>$f{depth}</c>.</summary>
    public int Depth { get; set; }

    /// <summary>The current frame variable.</summary>
    public string Frame => "$f" + Depth.ToString(CultureInfo.InvariantCulture);

    /// <summary>Returns a fresh local variable name.</summary>
    public string Temp(string prefix) => "$" + prefix + (++_temp).ToString(CultureInfo.InvariantCulture);

    /// <summary>Records that what is written next comes from <paramref name="pos"/>.</summary>
    public void Mark(SourcePos pos) => Map.Add(_line, _col, Template, pos);

    /// <summary>Writes template data literally.</summary>
    public void Text(string text)
    {
        if (_inCode)
        {
            Raw("}}");
            _inCode = false;
        }

        Raw(text);
    }

    /// <summary>Starts a new code statement.</summary>
    public ScribanWriter Stmt()
    {
        if (!_inCode)
        {
            Raw("{{");
            _inCode = true;
        }
        else
        {
            Raw("\n");
        }

        return this;
    }

    /// <summary>Appends code to the current statement.</summary>
    public ScribanWriter Code(string code)
    {
        if (!_inCode)
        {
            Raw("{{");
            _inCode = true;
        }

        Raw(code);
        return this;
    }

    /// <summary>Closes code mode and returns the source.</summary>
    public string Finish()
    {
        if (_inCode)
        {
            Raw("}}");
            _inCode = false;
        }

        return _sb.ToString();
    }

    private void Raw(string s)
    {
        _sb.Append(s);
        var nl = s.LastIndexOf('\n');
        if (nl < 0)
        {
            _col += s.Length;
        }
        else
        {
            _line += s.AsSpan().Count('\n');
            _col = s.Length - nl - 1;
        }
    }

    /// <summary>Quotes <paramref name="s"/> as a Scriban double-quoted string literal.</summary>
    public static string Quote(string s)
    {
        var sb = new StringBuilder(s.Length + 2).Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < 0x20 || c > 0x7e)
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.Append('"').ToString();
    }
}
