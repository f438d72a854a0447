using System.Globalization;
using System.Text;

namespace Micro.Templates.Syntax;

/// <content>The tokens inside tags: names, operators with bracket balancing, and Jinja's number and string literals.</content>
internal sealed partial class JinjaLexer
{
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
                    if (depth.Count == 0)
                    {
                        throw Error($"unexpected '{op}'", _i);
                    }

                    var close = depth.Peek() switch { '(' => ')', '[' => ']', _ => '}' };
                    if (close != op[0])
                    {
                        throw Error($"unexpected '{op}', expected '{close}'", _i);
                    }

                    depth.Pop();
                }

                _tokens.Add(new Token(TokenKind.Operator, op, PosAt(start)));
                _i += op.Length;
                return;
            }
        }

        throw Error($"unexpected char {PyRepr(c)} at {_i}", _i);
    }

    // Python's repr of a one-character string, as Jinja quotes it: 'x', "'", '\\', '\n', '\x01'.
    private static string PyRepr(char c) => c switch
    {
        '\'' => "\"'\"",
        '\\' => "'\\\\'",
        '\n' => "'\\n'",
        '\r' => "'\\r'",
        '\t' => "'\\t'",
        < ' ' or '\x7f' => $"'\\x{(int)c:x2}'",
        _ => $"'{c}'",
    };

    private static readonly string[] Operators =
        ["//", "**", "==", "!=", "<=", ">=", "+", "-", "/", "*", "%", "~", "[", "]", "(", ")", "{", "}", "<", ">", "=", ".", ":", "|", ",", ";"];

    // Jinja's float_re and integer_re: a float never starts right after a dot ("a.0.1" is a.0 then .1), a decimal
    // integer has no leading zero ("007" is "00" then "7"), and "_" may only separate digits.
    private void LexNumber()
    {
        var start = _i;
        if ((start == 0 || _src[start - 1] != '.') && TryLexFloat(start))
        {
            return;
        }

        if (_src[start] == '0' && start + 1 < _src.Length && char.ToLowerInvariant(_src[start + 1]) is 'x' or 'o' or 'b')
        {
            var radix = char.ToLowerInvariant(_src[start + 1]) switch { 'x' => 16, 'o' => 8, _ => 2 };
            var j = start + 2;
            while (j < _src.Length && (IsRadixDigit(_src[j], radix) || (_src[j] == '_' && j + 1 < _src.Length && IsRadixDigit(_src[j + 1], radix))))
            {
                j++;
            }

            if (j > start + 2)
            {
                _i = j;
                var digits = _src[(start + 2).._i].Replace("_", "", StringComparison.Ordinal);
                _tokens.Add(new Token(TokenKind.Integer, _src[start.._i], PosAt(start), RadixValue(digits, radix)));
                return;
            }
        }

        _i = start + 1;
        var radixTen = _src[start] == '0' ? 1 : 10; // after a leading zero only zeros follow: 0(_?0)*
        while (_i < _src.Length && (IsRadixDigit(_src[_i], radixTen) || (_src[_i] == '_' && _i + 1 < _src.Length && IsRadixDigit(_src[_i + 1], radixTen))))
        {
            _i++;
        }

        var text = _src[start.._i].Replace("_", "", StringComparison.Ordinal);
        // Python's integers: a long while it fits, exact past 64 bits (the runtime computes with BigInteger there).
        object value = long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var l) ? (object)l : System.Numerics.BigInteger.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        _tokens.Add(new Token(TokenKind.Integer, _src[start.._i], PosAt(start), value));
    }

    // Past 64 bits a hex, octal or binary literal stays exact, as a decimal one does.
    private static object RadixValue(string digits, int radix)
    {
        var value = System.Numerics.BigInteger.Zero;
        foreach (var d in digits)
        {
            value = value * radix + Convert.ToInt32(d.ToString(), 16);
        }

        return value <= long.MaxValue ? (object)(long)value : value;
    }

    // Radix 1 stands for "zeros only".
    private static bool IsRadixDigit(char c, int radix) => radix switch
    {
        16 => char.IsAsciiHexDigit(c),
        10 => char.IsAsciiDigit(c),
        8 => c is >= '0' and <= '7',
        2 => c is '0' or '1',
        _ => c == '0',
    };

    // (\d+_)*\d+ ( (\.(\d+_)*\d+)? e[+-]?(\d+_)*\d+ | \.(\d+_)*\d+ )
    private bool TryLexFloat(int start)
    {
        var j = SkipDigitGroups(start);
        var isFloat = false;
        if (j + 1 < _src.Length && _src[j] == '.' && SkipDigitGroups(j + 1) is var fraction and > 0)
        {
            j = fraction;
            isFloat = true;
        }

        if (j < _src.Length && _src[j] is 'e' or 'E')
        {
            var e = j + 1;
            if (e < _src.Length && _src[e] is '+' or '-')
            {
                e++;
            }

            if (SkipDigitGroups(e) is var exponent and > 0)
            {
                j = exponent;
                isFloat = true;
            }
        }

        if (!isFloat)
        {
            return false;
        }

        _i = j;
        var text = _src[start.._i].Replace("_", "", StringComparison.Ordinal);
        _tokens.Add(new Token(TokenKind.Float, text, PosAt(start), double.Parse(text, CultureInfo.InvariantCulture)));
        return true;
    }

    // The end of (\d+_)*\d+ starting at i, or -1 when no digit is there.
    private int SkipDigitGroups(int i)
    {
        if (i >= _src.Length || !char.IsAsciiDigit(_src[i]))
        {
            return -1;
        }

        while (i < _src.Length && (char.IsAsciiDigit(_src[i]) || (_src[i] == '_' && i + 1 < _src.Length && char.IsAsciiDigit(_src[i + 1]))))
        {
            i++;
        }

        return i;
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
                // Jinja's string rule does not match an unclosed string, so the quote is an unexpected character.
                throw Error($"unexpected char {PyRepr(quote)} at {start}", start);
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
