using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Micro.Templates.Syntax;

/// <summary>
/// Splits Jinja source into tokens with Jinja 3.1's default settings as Flask uses them:
/// <c>trim_blocks</c> and <c>lstrip_blocks</c> off, newlines normalised to <c>\n</c>,
/// a single trailing newline removed (<c>keep_trailing_newline=False</c>).
/// </summary>
internal sealed partial class JinjaLexer
{
    private readonly string _name;
    private readonly string _src;
    private readonly List<int> _lineStarts = [0];
    private readonly List<Token> _tokens = [];
    private int _i;

    private JinjaLexer(string name, string source)
    {
        _name = name;
        _src = Normalize(source);
        for (var k = 0; k < _src.Length; k++)
        {
            if (_src[k] == '\n')
            {
                _lineStarts.Add(k + 1);
            }
        }
    }

    /// <summary>Tokenizes <paramref name="source"/>; throws <see cref="TemplateException"/> on a lexical error.</summary>
    public static List<Token> Tokenize(string name, string source)
    {
        var lexer = new JinjaLexer(name, source);
        lexer.Run();
        return lexer._tokens;
    }

    // Jinja splits on \r\n, \r and \n, joins with "\n", and drops one trailing empty line.
    internal static string Normalize(string source)
    {
        var s = source.Contains('\r', StringComparison.Ordinal) ? source.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n') : source;
        return s.EndsWith('\n') ? s[..^1] : s;
    }

    private SourcePos PosAt(int index)
    {
        var line = _lineStarts.BinarySearch(index);
        if (line < 0)
        {
            line = ~line - 1;
        }

        return new SourcePos(line + 1, index - _lineStarts[line] + 1);
    }

    private TemplateException Error(string message, int index)
    {
        var p = PosAt(index);
        return new TemplateException(message, _name, p.Line, p.Column);
    }

    private void Run()
    {
        var stripNext = false;
        while (_i <= _src.Length)
        {
            var k = FindTagStart(_i);
            var dataEnd = k < 0 ? _src.Length : k;
            var data = _src[_i..dataEnd];
            if (stripNext)
            {
                data = data.TrimStart(PyWhitespace);
            }

            if (k >= 0 && k + 2 < _src.Length && _src[k + 2] == '-')
            {
                data = data.TrimEnd(PyWhitespace);
            }

            if (data.Length > 0)
            {
                _tokens.Add(new Token(TokenKind.Data, data, PosAt(_i)));
            }

            if (k < 0)
            {
                break;
            }

            stripNext = _src[k + 1] switch
            {
                '#' => LexComment(k),
                '%' => TryLexRaw(k, out var strip) ? strip : LexTag(k, TokenKind.BlockBegin, TokenKind.BlockEnd, "%}"),
                _ => LexTag(k, TokenKind.VariableBegin, TokenKind.VariableEnd, "}}"),
            };
        }

        _tokens.Add(new Token(TokenKind.End, "", PosAt(_src.Length)));
    }

    internal static readonly char[] PyWhitespace = [' ', '\t', '\n', '\r', '\f', '\v'];

    private int FindTagStart(int from)
    {
        for (var k = _src.IndexOf('{', from); k >= 0 && k + 1 < _src.Length; k = _src.IndexOf('{', k + 1))
        {
            var c = _src[k + 1];
            if (c is '{' or '%' or '#')
            {
                return k;
            }
        }

        return -1;
    }

    private bool LexComment(int k)
    {
        var end = _src.IndexOf("#}", k + 2, StringComparison.Ordinal);
        if (end < 0)
        {
            throw Error("Missing end of comment tag", k);
        }

        _i = end + 2;
        return end > k + 2 && _src[end - 1] == '-';
    }

    [GeneratedRegex(@"\G\{%[-+]?\s*raw\s*([-+]?)%\}")]
    private static partial Regex RawBegin();

    [GeneratedRegex(@"\{%([-+]?)\s*endraw\s*([-+]?)%\}")]
    private static partial Regex RawEnd();

    private bool TryLexRaw(int k, out bool stripNext)
    {
        stripNext = false;
        var begin = RawBegin().Match(_src, k);
        if (!begin.Success)
        {
            return false;
        }

        var end = RawEnd().Match(_src, begin.Index + begin.Length);
        if (!end.Success)
        {
            throw Error("Missing end of raw directive", k);
        }

        var text = _src[(begin.Index + begin.Length)..end.Index];
        if (begin.Groups[1].Value == "-")
        {
            text = text.TrimStart(PyWhitespace);
        }

        if (end.Groups[1].Value == "-")
        {
            text = text.TrimEnd(PyWhitespace);
        }

        if (text.Length > 0)
        {
            _tokens.Add(new Token(TokenKind.Data, text, PosAt(begin.Index + begin.Length)));
        }

        _i = end.Index + end.Length;
        stripNext = end.Groups[2].Value == "-";
        return true;
    }

    // Lexes the inside of {{ }} or {% %}; returns whether the closing delimiter asked to strip whitespace.
    private bool LexTag(int k, TokenKind beginKind, TokenKind endKind, string close)
    {
        _tokens.Add(new Token(beginKind, _src.Substring(k, 2), PosAt(k)));
        _i = k + 2;
        if (_i < _src.Length && _src[_i] is '-' or '+')
        {
            _i++;
        }

        var depth = new Stack<char>();
        while (true)
        {
            while (_i < _src.Length && char.IsWhiteSpace(_src[_i]))
            {
                _i++;
            }

            if (_i >= _src.Length)
            {
                throw Error(endKind == TokenKind.BlockEnd ? "Unexpected end of template. Jinja was looking for the end of a statement block ('%}')." : "Unexpected end of template. Jinja was looking for the end of a print statement ('}}').", k);
            }

            if (depth.Count == 0)
            {
                if (string.CompareOrdinal(_src, _i, close, 0, 2) == 0)
                {
                    _tokens.Add(new Token(endKind, close, PosAt(_i)));
                    _i += 2;
                    return false;
                }

                if (_src[_i] is '-' or '+' && string.CompareOrdinal(_src, _i + 1, close, 0, 2) == 0)
                {
                    _tokens.Add(new Token(endKind, close, PosAt(_i)));
                    var strip = _src[_i] == '-';
                    _i += 3;
                    return strip;
                }
            }

            LexExpressionToken(depth);
        }
    }

    private void LexExpressionToken(Stack<char> depth)
    {
        var start = _i;
        var c = _src[_i];
        if (char.IsLetter(c) || c == '_')
        {
            while (_i < _src.Length && (char.IsLetterOrDigit(_src[_i]) || _src[_i] == '_'))
            {
                _i++;
            }

            _tokens.Add(new Token(TokenKind.Name, _src[start.._i], PosAt(start)));
            return;
        }

        if (char.IsAsciiDigit(c))
        {
            LexNumber();
            return;
        }

        if (c is '\'' or '"')
        {
            LexString();
            return;
        }

        foreach (var op in Operators)
        {
            if (string.CompareOrdinal(_src, _i, op, 0, op.Length) == 0)
            {
                if (op is "(" or "[" or "{")
                {
                    depth.Push(op[0]);
                }
                else if (op is ")" or "]" or "}")
                {
                    var expected = op switch { ")" => '(', "]" => '[', _ => '{' };
                    if (depth.Count == 0 || depth.Peek() != expected)
                    {
                        throw Error($"unexpected '{op}'", _i);
                    }

                    depth.Pop();
                }

                _tokens.Add(new Token(TokenKind.Operator, op, PosAt(start)));
                _i += op.Length;
                return;
            }
        }

        throw Error($"unexpected char '{c}' at {_i}", _i);
    }

    private static readonly string[] Operators =
        ["//", "**", "==", "!=", "<=", ">=", "+", "-", "/", "*", "%", "~", "[", "]", "(", ")", "{", "}", "<", ">", "=", ".", ":", "|", ",", ";"];

    private void LexNumber()
    {
        var start = _i;
        var isFloat = false;
        if (_src[_i] == '0' && _i + 1 < _src.Length && _src[_i + 1] is 'x' or 'X' or 'o' or 'O' or 'b' or 'B')
        {
            var radix = char.ToLowerInvariant(_src[_i + 1]) switch { 'x' => 16, 'o' => 8, _ => 2 };
            _i += 2;
            while (_i < _src.Length && (char.IsAsciiHexDigit(_src[_i]) || _src[_i] == '_'))
            {
                _i++;
            }

            var digits = _src[(start + 2).._i].Replace("_", "", StringComparison.Ordinal);
            _tokens.Add(new Token(TokenKind.Integer, _src[start.._i], PosAt(start), Convert.ToInt64(digits, radix)));
            return;
        }

        SkipDigits();
        if (_i + 1 < _src.Length && _src[_i] == '.' && char.IsAsciiDigit(_src[_i + 1]))
        {
            isFloat = true;
            _i++;
            SkipDigits();
        }

        if (_i < _src.Length && _src[_i] is 'e' or 'E')
        {
            var save = _i;
            _i++;
            if (_i < _src.Length && _src[_i] is '+' or '-')
            {
                _i++;
            }

            if (_i < _src.Length && char.IsAsciiDigit(_src[_i]))
            {
                isFloat = true;
                SkipDigits();
            }
            else
            {
                _i = save;
            }
        }

        var text = _src[start.._i].Replace("_", "", StringComparison.Ordinal);
        if (isFloat)
        {
            _tokens.Add(new Token(TokenKind.Float, text, PosAt(start), double.Parse(text, CultureInfo.InvariantCulture)));
        }
        else
        {
            object value = long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var l) ? (object)l : double.Parse(text, CultureInfo.InvariantCulture);
            _tokens.Add(new Token(TokenKind.Integer, text, PosAt(start), value));
        }
    }

    private void SkipDigits()
    {
        while (_i < _src.Length && (char.IsAsciiDigit(_src[_i]) || (_src[_i] == '_' && _i + 1 < _src.Length && char.IsAsciiDigit(_src[_i + 1]))))
        {
            _i++;
        }
    }

    private void LexString()
    {
        var start = _i;
        var quote = _src[_i++];
        var sb = new StringBuilder();
        while (true)
        {
            if (_i >= _src.Length)
            {
                throw Error("unexpected end of string", start);
            }

            var c = _src[_i++];
            if (c == quote)
            {
                break;
            }

            if (c != '\\' || _i >= _src.Length)
            {
                sb.Append(c);
                continue;
            }

            var e = _src[_i++];
            switch (e)
            {
                case var simple when Escaper.PythonLiteral(simple) is { } unescaped: sb.Append(unescaped); break;
                case '\n': break;
                case 'x': sb.Append(Hex(2)); break;
                case 'u': sb.Append(Hex(4)); break;
                case 'U': sb.Append(char.ConvertFromUtf32(int.Parse(HexDigits(8), NumberStyles.HexNumber, CultureInfo.InvariantCulture))); break;
                default: sb.Append('\\').Append(e); break;
            }
        }

        _tokens.Add(new Token(TokenKind.String, _src[start.._i], PosAt(start), sb.ToString()));
    }

    private char Hex(int n) => (char)int.Parse(HexDigits(n), NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private string HexDigits(int n)
    {
        if (_i + n > _src.Length)
        {
            throw Error("truncated escape in string", _i);
        }

        var s = _src.Substring(_i, n);
        _i += n;
        return s;
    }
}
