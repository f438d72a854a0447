using System.Globalization;

namespace Micro.Routing.Matching;

/// <summary>
/// Reads the subset of .NET regular-expression syntax that rule parts are made of (Werkzeug's converters and
/// typical custom ones) into a <see cref="PatternNode"/> tree. Anything else — backreferences, lookarounds
/// wider than one character, atomic groups, inline options, conditionals, <c>\b</c>, <c>\G</c> — is refused
/// (<see langword="null"/>), and the part keeps .NET's engine.
/// </summary>
internal sealed class PatternParser
{
    /// <summary>The largest count a quantifier may give before the part is left to .NET's engine.</summary>
    public const int MaxCount = 1000;

    private readonly string _pattern;
    private int _position;

    private PatternParser(string pattern) => _pattern = pattern;

    /// <summary>Parses <paramref name="pattern"/>, or returns <see langword="null"/> when it leaves the subset.</summary>
    public static PatternNode? TryParse(string pattern)
    {
        var parser = new PatternParser(pattern);
        try
        {
            var node = parser.Alternation();
            return parser._position == pattern.Length ? node : null;
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }

    private bool More => _position < _pattern.Length;

    private char Peek => _pattern[_position];

    private static NotSupportedException Outside() => new();

    private PatternNode Alternation()
    {
        var options = new List<PatternNode> { Concatenation() };
        while (More && Peek == '|')
        {
            _position++;
            options.Add(Concatenation());
        }

        return options.Count == 1 ? options[0] : new AlternationNode(options);
    }

    private PatternNode Concatenation()
    {
        var items = new List<PatternNode>();
        while (More && Peek != '|' && Peek != ')')
        {
            var atom = Atom();
            if (TryQuantifier(out var min, out var max, out var lazy))
            {
                // A quantified anchor or lookaround, or a loop that can go round without consuming, would need
                // .NET's empty-iteration rules; a repeated quantifier is an error in .NET.
                if (atom is AnchorNode or LookNode || (atom.Nullable && max != min) || (More && IsQuantifierStart()))
                {
                    throw Outside();
                }

                atom = new RepeatNode(atom, min, max, lazy);
            }

            items.Add(atom);
        }

        return items.Count == 1 ? items[0] : new ConcatNode(items);
    }

    private PatternNode Atom()
    {
        var c = Peek;
        switch (c)
        {
            case '(':
                return Group();
            case '[':
                return new SetNode(CharSet.FromClass(ClassText()));
            case '\\':
                return Escape();
            case '.':
                _position++;
                return new SetNode(CharSet.Dot);
            case '^':
                _position++;
                return new AnchorNode(AnchorKind.Start);
            case '$':
                _position++;
                return new AnchorNode(AnchorKind.EndOrFinalNewline);
            case '*' or '+' or '?':
                throw Outside();
            case '{' when IsQuantifierStart():
                throw Outside();
            default:
                _position++;
                return new CharNode(c);
        }
    }

    private bool IsQuantifierStart()
    {
        var c = Peek;
        if (c is '*' or '+' or '?')
        {
            return true;
        }

        var saved = _position;
        var result = c == '{' && TryCount(out _, out _);
        _position = saved;
        return result;
    }

    private bool TryQuantifier(out int min, out int max, out bool lazy)
    {
        min = max = 0;
        lazy = false;
        if (!More)
        {
            return false;
        }

        switch (Peek)
        {
            case '*':
                (min, max) = (0, -1);
                _position++;
                break;
            case '+':
                (min, max) = (1, -1);
                _position++;
                break;
            case '?':
                (min, max) = (0, 1);
                _position++;
                break;
            case '{':
                var saved = _position;
                if (!TryCount(out min, out max))
                {
                    _position = saved;
                    return false;
                }

                break;
            default:
                return false;
        }

        if (More && Peek == '?')
        {
            lazy = true;
            _position++;
        }

        return true;
    }

    // "{n}", "{n,}" or "{n,m}"; anything else starting with "{" is a literal brace in .NET.
    private bool TryCount(out int min, out int max)
    {
        min = max = 0;
        _position++;
        if (!TryNumber(out min))
        {
            return false;
        }

        if (More && Peek == '}')
        {
            _position++;
            max = min;
            return true;
        }

        if (!More || Peek != ',')
        {
            return false;
        }

        _position++;
        if (More && Peek == '}')
        {
            _position++;
            max = -1;
            return true;
        }

        if (!TryNumber(out max) || !More || Peek != '}')
        {
            return false;
        }

        _position++;
        if (max < min)
        {
            throw Outside();
        }

        return true;
    }

    private bool TryNumber(out int value)
    {
        var start = _position;
        while (More && char.IsAsciiDigit(Peek))
        {
            _position++;
        }

        if (_position == start)
        {
            value = 0;
            return false;
        }

        if (!int.TryParse(_pattern.AsSpan(start, _position - start), NumberStyles.None, CultureInfo.InvariantCulture, out value) || value > MaxCount)
        {
            throw Outside();
        }

        return true;
    }

    private PatternNode Group()
    {
        _position++;
        string? name = null;
        if (More && Peek == '?')
        {
            _position++;
            if (!More)
            {
                throw Outside();
            }

            var kind = Peek;
            if (kind == ':')
            {
                _position++;
            }
            else if (kind is '=' or '!')
            {
                _position++;
                return Look(behind: false, negate: kind == '!');
            }
            else if (kind == '<' && _position + 1 < _pattern.Length && _pattern[_position + 1] is '=' or '!')
            {
                var negate = _pattern[_position + 1] == '!';
                _position += 2;
                return Look(behind: true, negate);
            }
            else if (kind is '<' or '\'')
            {
                var close = kind == '<' ? '>' : '\'';
                _position++;
                var start = _position;
                while (More && (char.IsAsciiLetterOrDigit(Peek) || Peek == '_'))
                {
                    _position++;
                }

                if (_position == start || !More || Peek != close)
                {
                    throw Outside();
                }

                name = _pattern[start.._position];
                _position++;
                if (char.IsAsciiDigit(name[0]))
                {
                    // A numbered group: its bounds are not reported, like any unnamed group.
                    name = null;
                }
            }
            else
            {
                throw Outside();
            }
        }

        var body = Alternation();
        Expect(')');
        return new GroupNode(body, name);
    }

    // Only lookarounds over exactly one character: the suffix test "(?<!/)" and its kin.
    private LookNode Look(bool behind, bool negate)
    {
        var body = Alternation();
        Expect(')');
        var set = body switch
        {
            CharNode one => CharSet.Of(one.Value),
            SetNode many => many.Set,
            _ => throw Outside(),
        };
        return new LookNode(set, behind, negate);
    }

    private void Expect(char c)
    {
        if (!More || Peek != c)
        {
            throw Outside();
        }

        _position++;
    }

    private PatternNode Escape()
    {
        if (_position + 1 >= _pattern.Length)
        {
            throw Outside();
        }

        var c = _pattern[_position + 1];
        switch (c)
        {
            case 'A':
                _position += 2;
                return new AnchorNode(AnchorKind.Start);
            case 'z':
                _position += 2;
                return new AnchorNode(AnchorKind.End);
            case 'Z':
                _position += 2;
                return new AnchorNode(AnchorKind.EndOrFinalNewline);
            case 'd' or 'D' or 'w' or 'W' or 's' or 'S':
                _position += 2;
                return new SetNode(CharSet.FromClass("\\" + c));
            case 'p' or 'P':
                var close = _pattern.IndexOf('}', _position);
                if (_position + 2 >= _pattern.Length || _pattern[_position + 2] != '{' || close < 0)
                {
                    throw Outside();
                }

                var text = _pattern[_position..(close + 1)];
                _position = close + 1;
                return new SetNode(CharSet.FromClass(text));
            case 'u' when _position + 6 <= _pattern.Length && ushort.TryParse(_pattern.AsSpan(_position + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code):
                _position += 6;
                return new CharNode((char)code);
            case 'x' when _position + 4 <= _pattern.Length && byte.TryParse(_pattern.AsSpan(_position + 2, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var small):
                _position += 4;
                return new CharNode((char)small);
            case 't': return Literal('\t');
            case 'n': return Literal('\n');
            case 'r': return Literal('\r');
            case 'f': return Literal('\f');
            case 'v': return Literal('\v');
            case 'e': return Literal('\u001B');
            case 'a': return Literal('\a');
            default:
                // \b, \B, \G, \k, \1..\9, \0, \c and unknown letters are outside the subset; punctuation is itself.
                if (char.IsAsciiLetterOrDigit(c) || c > '\u007F')
                {
                    throw Outside();
                }

                return Literal(c);
        }
    }

    private CharNode Literal(char c)
    {
        _position += 2;
        return new CharNode(c);
    }

    // The text of "[...]" as .NET delimits it: a "]" right after "[" or "[^" is a literal; escapes skip a character.
    private string ClassText()
    {
        var start = _position;
        _position++;
        if (More && Peek == '^')
        {
            _position++;
        }

        if (More && Peek == ']')
        {
            _position++;
        }

        while (More && Peek != ']')
        {
            if (Peek == '[')
            {
                // Class subtraction "[a-z-[aeiou]]" (or a nested bracket): leave it to .NET.
                throw Outside();
            }

            if (Peek == '\\')
            {
                if (_position + 2 < _pattern.Length && _pattern[_position + 1] is 'p' or 'P' && _pattern[_position + 2] == '{')
                {
                    var close = _pattern.IndexOf('}', _position);
                    _position = close < 0 ? throw Outside() : close + 1;
                    continue;
                }

                _position++;
            }

            _position++;
        }

        Expect(']');
        return _pattern[start.._position];
    }
}
