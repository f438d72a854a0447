using System.Text.RegularExpressions;

namespace Micro.Templates.Syntax;

/// <summary>
/// Splits Jinja source into tokens as Jinja 3.1's lexer does: newlines normalised to <c>\n</c>, one trailing
/// newline removed unless <c>keep_trailing_newline</c>, whitespace control with <c>-</c> and <c>+</c>, and the
/// <c>trim_blocks</c> and <c>lstrip_blocks</c> options (<see cref="SyntaxOptions"/>; Flask leaves them off).
/// </summary>
internal sealed partial class JinjaLexer
{
    private readonly string _name;
    private readonly string _src;
    private readonly SyntaxOptions _options;
    private readonly List<int> _lineStarts = [0];
    private readonly List<Token> _tokens = [];
    private int _i;

    private JinjaLexer(string name, string source, SyntaxOptions options)
    {
        _name = name;
        _options = options;
        _src = Normalize(source, options.KeepTrailingNewline);
        for (var k = 0; k < _src.Length; k++)
        {
            if (_src[k] == '\n')
            {
                _lineStarts.Add(k + 1);
            }
        }
    }

    /// <summary>Tokenizes <paramref name="source"/>; throws <see cref="TemplateException"/> on a lexical error.</summary>
    public static List<Token> Tokenize(string name, string source, SyntaxOptions? options = null)
    {
        var lexer = new JinjaLexer(name, source, options ?? SyntaxOptions.Default);
        lexer.Run();
        return lexer._tokens;
    }

    // Jinja splits on \r\n, \r and \n, joins with "\n", and drops one trailing empty line unless told to keep it.
    internal static string Normalize(string source, bool keepTrailingNewline = false)
    {
        var s = source.Contains('\r', StringComparison.Ordinal) ? source.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n') : source;
        return !keepTrailingNewline && s.EndsWith('\n') ? s[..^1] : s;
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
        // Jinja's line_starting: whether the text consumed last ended a line (true at the start), which lets
        // lstrip_blocks strip a tag's indentation when the newline before it was eaten by trim_blocks or "-%}".
        var lineStarting = true;
        while (_i <= _src.Length)
        {
            var k = FindTagStart(_i);
            var dataEnd = k < 0 ? _src.Length : k;
            if (k >= 0)
            {
                dataEnd = StripBeforeTag(_i, k, lineStarting);
            }

            if (dataEnd > _i)
            {
                _tokens.Add(new Token(TokenKind.Data, _src[_i..dataEnd], PosAt(_i)));
            }

            if (k < 0)
            {
                break;
            }

            var closed = _src[k + 1] switch
            {
                '#' => LexComment(k),
                '%' => TryLexRaw(k) || LexTag(k, TokenKind.BlockBegin, TokenKind.BlockEnd, "%}"),
                _ => LexTag(k, TokenKind.VariableBegin, TokenKind.VariableEnd, "}}"),
            };
            if (!closed)
            {
                // A tag left open at the end: the parser reports what it was expecting, as Jinja's does.
                break;
            }

            lineStarting = _i > 0 && _src[_i - 1] == '\n';
        }

        // As Jinja, the end of the template is where its last token starts: errors about it name that line.
        _tokens.Add(new Token(TokenKind.End, "", _tokens.Count > 0 ? _tokens[^1].Pos : new SourcePos(1, 1)));
    }

    // Where the data before the tag at k ends: "{%-" strips all whitespace before it; with lstrip_blocks, a block
    // or comment tag (not "{{", not "{%+") strips the spaces and tabs that are all that precede it on its line.
    private int StripBeforeTag(int dataStart, int k, bool lineStarting)
    {
        var sign = k + 2 < _src.Length ? _src[k + 2] : '\0';
        if (sign == '-')
        {
            var e = k;
            while (e > dataStart && IsPySpace(_src[e - 1]))
            {
                e--;
            }

            return e;
        }

        if (sign == '+' || !_options.LstripBlocks || _src[k + 1] == '{')
        {
            return k;
        }

        return LstripEnd(dataStart, k, lineStarting);
    }

    // lstrip_blocks: the text from the last newline (or the start, if a line starts there) to `end` goes if it is
    // only whitespace ("\s+" as Jinja matches it: a newline cannot be in it, it is after the last one).
    private int LstripEnd(int dataStart, int end, bool lineStarting)
    {
        var nl = end > dataStart ? _src.LastIndexOf('\n', end - 1, end - dataStart) : -1;
        var lineStart = nl >= 0 ? nl + 1 : dataStart;
        if (nl < 0 && !lineStarting)
        {
            return end;
        }

        for (var j = lineStart; j < end; j++)
        {
            if (!IsPySpace(_src[j]))
            {
                return end;
            }
        }

        return lineStart;
    }

    /// <summary>Python's <c>str.isspace</c> (and <c>\s</c> in Jinja's regexes): .NET's white space plus the separators U+001C–U+001F.</summary>
    internal static bool IsPySpace(char c) => char.IsWhiteSpace(c) || c is >= '\x1c' and <= '\x1f';

    private void SkipPySpace()
    {
        while (_i < _src.Length && IsPySpace(_src[_i]))
        {
            _i++;
        }
    }

    // After "%}" or "#}": trim_blocks eats one newline.
    private void TrimBlockNewline()
    {
        if (_options.TrimBlocks && _i < _src.Length && _src[_i] == '\n')
        {
            _i++;
        }
    }

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

    // A comment ends at the first "#}": "-#}" strips the whitespace after it, "+#}" keeps the newline trim_blocks would eat.
    private bool LexComment(int k)
    {
        var from = k + 2 < _src.Length && _src[k + 2] is '-' or '+' ? k + 3 : k + 2;
        var end = _src.IndexOf("#}", from, StringComparison.Ordinal);
        if (end < 0)
        {
            throw Error("Missing end of comment tag", k);
        }

        var sign = end > from ? _src[end - 1] : '\0';
        _i = end + 2;
        if (sign == '-')
        {
            SkipPySpace();
        }
        else if (sign != '+')
        {
            TrimBlockNewline();
        }

        return true;
    }

    // "{% raw %}" ends with "-%}" (strip what follows) or "%}": no "+%}" and no trim_blocks, as in Jinja's lexer.
    [GeneratedRegex(@"\G\{%[-+]?\s*raw\s*(-?)%\}")]
    private static partial Regex RawBegin();

    [GeneratedRegex(@"\{%([-+]?)\s*endraw\s*([-+]?)%\}")]
    private static partial Regex RawEnd();

    private bool TryLexRaw(int k)
    {
        var begin = RawBegin().Match(_src, k);
        if (!begin.Success)
        {
            return false;
        }

        _i = begin.Index + begin.Length;
        if (begin.Groups[1].Value == "-")
        {
            SkipPySpace();
        }

        var textStart = _i;
        var end = RawEnd().Match(_src, textStart);
        if (!end.Success)
        {
            throw Error("Missing end of raw directive", k);
        }

        // "{% endraw %}" strips before itself as any block tag does; a line starts here if the begin tag ended one.
        var lineStarting = _src[textStart - 1] == '\n';
        var textEnd = end.Index;
        var sign = end.Groups[1].Value;
        if (sign == "-")
        {
            while (textEnd > textStart && IsPySpace(_src[textEnd - 1]))
            {
                textEnd--;
            }
        }
        else if (sign != "+" && _options.LstripBlocks)
        {
            textEnd = LstripEnd(textStart, textEnd, lineStarting);
        }

        if (textEnd > textStart)
        {
            _tokens.Add(new Token(TokenKind.Data, _src[textStart..textEnd], PosAt(textStart)));
        }

        _i = end.Index + end.Length;
        switch (end.Groups[2].Value)
        {
            case "-":
                SkipPySpace();
                break;
            case "":
                TrimBlockNewline();
                break;
        }

        return true;
    }

    // Lexes the inside of {{ }} or {% %} and its end: "-}}"/"-%}" strip the whitespace after it; "+%}" keeps the
    // newline trim_blocks would eat, "%}" lets it ("}}" never trims, and "+}}" is no end in Jinja). False when the
    // template ends before the tag does.
    private bool LexTag(int k, TokenKind beginKind, TokenKind endKind, string close)
    {
        _tokens.Add(new Token(beginKind, _src.Substring(k, 2), PosAt(k)));
        _i = k + 2;
        if (_i < _src.Length && _src[_i] is '-' or '+')
        {
            _i++;
        }

        var isBlock = endKind == TokenKind.BlockEnd;
        var depth = new Stack<char>();
        while (true)
        {
            while (_i < _src.Length && IsPySpace(_src[_i]))
            {
                _i++;
            }

            if (_i >= _src.Length)
            {
                return false;
            }

            if (depth.Count == 0)
            {
                if (string.CompareOrdinal(_src, _i, close, 0, 2) == 0)
                {
                    _tokens.Add(new Token(endKind, close, PosAt(_i)));
                    _i += 2;
                    if (isBlock)
                    {
                        TrimBlockNewline();
                    }

                    return true;
                }

                if ((_src[_i] == '-' || (_src[_i] == '+' && isBlock)) && string.CompareOrdinal(_src, _i + 1, close, 0, 2) == 0)
                {
                    _tokens.Add(new Token(endKind, close, PosAt(_i)));
                    var strip = _src[_i] == '-';
                    _i += 3;
                    if (strip)
                    {
                        SkipPySpace();
                    }

                    return true;
                }
            }

            LexExpressionToken(depth);
        }
    }
}
