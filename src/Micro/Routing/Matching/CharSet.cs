using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Micro.Routing.Matching;

/// <summary>
/// A set of UTF-16 code units as a 65,536-bit map, so a class test costs the same whatever the class. Classes
/// made of plain characters and ranges are read here; any other class text (<c>\w</c>, <c>\p{L}</c>,
/// subtraction) is evaluated once per code unit by .NET's own engine, so membership is .NET's by construction.
/// </summary>
internal sealed class CharSet
{
    private static readonly ConcurrentDictionary<string, CharSet> Cache = new(StringComparer.Ordinal);

    private readonly ulong[] _bits = new ulong[65536 / 64];

    private CharSet()
    {
    }

    /// <summary>Gets the set of <c>.</c> without <c>RegexOptions.Singleline</c>: every code unit but <c>\n</c>.</summary>
    public static CharSet Dot { get; } = Cache.GetOrAdd(".", static _ =>
    {
        var set = new CharSet();
        Array.Fill(set._bits, ulong.MaxValue);
        set.Remove('\n');
        return set;
    });

    public bool Contains(char c) => (_bits[c >> 6] & (1UL << c)) != 0;

    /// <summary>Gets the set for one character.</summary>
    public static CharSet Of(char c) => Cache.GetOrAdd("\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture), static (_, value) =>
    {
        var set = new CharSet();
        set.Add(value, value);
        return set;
    }, c);

    /// <summary>Gets the set for a class as written in a .NET regular expression: <c>[...]</c>, or an escape such as <c>\d</c>.</summary>
    public static CharSet FromClass(string text) => Cache.GetOrAdd(text, static text => TryReadSimple(text) ?? AskRegex(text));

    private void Add(char from, char to)
    {
        for (int c = from; c <= to; c++)
        {
            _bits[c >> 6] |= 1UL << c;
        }
    }

    private void Remove(char c) => _bits[c >> 6] &= ~(1UL << c);

    private void Invert()
    {
        for (var i = 0; i < _bits.Length; i++)
        {
            _bits[i] = ~_bits[i];
        }
    }

    // Every code unit through .NET's engine: exact for any class syntax, about a millisecond, once per class.
    private static CharSet AskRegex(string text)
    {
        var regex = new Regex(@"\A" + text + @"\z", RegexOptions.CultureInvariant);
        var set = new CharSet();
        Span<char> one = stackalloc char[1];
        for (var c = 0; c <= char.MaxValue; c++)
        {
            one[0] = (char)c;
            if (regex.IsMatch(one))
            {
                set._bits[c >> 6] |= 1UL << c;
            }
        }

        return set;
    }

    // "[^a-z0-9_\-\uD800]": literal characters, ranges and escapes of single characters only; null otherwise.
    private static CharSet? TryReadSimple(string text)
    {
        if (text.Length < 3 || text[0] != '[' || text[^1] != ']')
        {
            return null;
        }

        var position = 1;
        var negate = position < text.Length - 1 && text[position] == '^';
        if (negate)
        {
            position++;
        }

        var set = new CharSet();
        var first = true;
        while (position < text.Length - 1)
        {
            if (!TryReadOne(text, ref position, first, out var low))
            {
                return null;
            }

            first = false;
            var high = low;
            if (position < text.Length - 2 && text[position] == '-')
            {
                position++;
                if (!TryReadOne(text, ref position, false, out high) || high < low)
                {
                    return null;
                }
            }

            set.Add(low, high);
        }

        if (negate)
        {
            set.Invert();
        }

        return set;
    }

    private static bool TryReadOne(string text, ref int position, bool first, out char value)
    {
        var c = text[position];
        value = c;
        if (c == '[' || (c == ']' && !first))
        {
            return false;
        }

        if (c != '\\')
        {
            position++;
            return true;
        }

        if (position + 1 >= text.Length - 1)
        {
            return false;
        }

        var escaped = text[position + 1];
        switch (escaped)
        {
            case 'u' when position + 6 <= text.Length - 1 && ushort.TryParse(text.AsSpan(position + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code):
                value = (char)code;
                position += 6;
                return true;
            case 'x' when position + 4 <= text.Length - 1 && byte.TryParse(text.AsSpan(position + 2, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var small):
                value = (char)small;
                position += 4;
                return true;
            case 't': value = '\t'; break;
            case 'n': value = '\n'; break;
            case 'r': value = '\r'; break;
            case 'f': value = '\f'; break;
            case 'v': value = '\v'; break;
            case 'e': value = '\u001B'; break;
            case 'a': value = '\a'; break;
            default:
                // Escaped punctuation is itself; letters and digits are classes or codes (\d, \w, \p, \b, \0...): ask .NET.
                if (char.IsAsciiLetterOrDigit(escaped) || escaped > '\u007F')
                {
                    return false;
                }

                value = escaped;
                break;
        }

        position += 2;
        return true;
    }
}
