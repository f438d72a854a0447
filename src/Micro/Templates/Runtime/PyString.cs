using System.Globalization;
using System.Text;

namespace Micro.Templates.Runtime;

/// <summary>
/// Python's <c>str</c> methods on .NET text, markup-agnostic: <see cref="PyAccess"/> decides what a
/// <see cref="Markup"/> receiver escapes and wraps, as MarkupSafe's <c>Markup</c> does, and calls these.
/// </summary>
internal static class PyString
{
    /// <summary>Python's <c>str.isspace()</c> for one character (Unicode white space and the separators \x1c-\x1f).</summary>
    public static bool IsSpace(char c) => char.IsWhiteSpace(c) || c is >= '\x1c' and <= '\x1f';

    /// <summary><c>str.split(sep, maxsplit)</c>; a null separator splits on runs of white space.</summary>
    public static List<string> Split(string s, string? sep, long maxsplit)
    {
        var parts = new List<string>();
        if (sep is null)
        {
            var i = 0;
            while (true)
            {
                while (i < s.Length && IsSpace(s[i]))
                {
                    i++;
                }

                if (i == s.Length)
                {
                    return parts;
                }

                if (maxsplit >= 0 && parts.Count == maxsplit)
                {
                    parts.Add(TrimEnd(s[i..], null));
                    return parts;
                }

                var start = i;
                while (i < s.Length && !IsSpace(s[i]))
                {
                    i++;
                }

                parts.Add(s[start..i]);
            }
        }

        CheckSeparator(sep);
        var from = 0;
        while (maxsplit < 0 || parts.Count < maxsplit)
        {
            var k = s.IndexOf(sep, from, StringComparison.Ordinal);
            if (k < 0)
            {
                break;
            }

            parts.Add(s[from..k]);
            from = k + sep.Length;
        }

        parts.Add(s[from..]);
        return parts;
    }

    /// <summary><c>str.rsplit(sep, maxsplit)</c>: splits from the right.</summary>
    public static List<string> RSplit(string s, string? sep, long maxsplit)
    {
        var parts = new List<string>();
        if (sep is null)
        {
            var i = s.Length;
            while (true)
            {
                while (i > 0 && IsSpace(s[i - 1]))
                {
                    i--;
                }

                if (i == 0)
                {
                    break;
                }

                if (maxsplit >= 0 && parts.Count == maxsplit)
                {
                    parts.Add(TrimStart(s[..i], null));
                    break;
                }

                var end = i;
                while (i > 0 && !IsSpace(s[i - 1]))
                {
                    i--;
                }

                parts.Add(s[i..end]);
            }

            parts.Reverse();
            return parts;
        }

        CheckSeparator(sep);
        var to = s.Length;
        while (maxsplit < 0 || parts.Count < maxsplit)
        {
            var k = to - sep.Length < 0 ? -1 : s.LastIndexOf(sep, to - sep.Length, StringComparison.Ordinal);
            if (k < 0)
            {
                break;
            }

            parts.Add(s[(k + sep.Length)..to]);
            to = k;
        }

        parts.Add(s[..to]);
        parts.Reverse();
        return parts;
    }

    private static void CheckSeparator(string sep)
    {
        if (sep.Length == 0)
        {
            throw new JinjaRuntimeException("empty separator");
        }
    }

    /// <summary><c>str.splitlines(keepends)</c>, with every line boundary Python knows.</summary>
    public static List<string> SplitLines(string s, bool keepends)
    {
        var lines = new List<string>();
        var start = 0;
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (c is '\n' or '\r' or '\v' or '\f' or '\x1c' or '\x1d' or '\x1e' or '\x85' or '\u2028' or '\u2029')
            {
                var eol = i;
                i += c == '\r' && i + 1 < s.Length && s[i + 1] == '\n' ? 2 : 1;
                lines.Add(s[start..(keepends ? i : eol)]);
                start = i;
            }
            else
            {
                i++;
            }
        }

        if (start < s.Length)
        {
            lines.Add(s[start..]);
        }

        return lines;
    }

    /// <summary><c>str.partition(sep)</c> (or <c>rpartition</c> when <paramref name="fromRight"/>).</summary>
    public static (string Head, string Sep, string Tail) Partition(string s, string sep, bool fromRight)
    {
        CheckSeparator(sep);
        var k = fromRight ? s.LastIndexOf(sep, StringComparison.Ordinal) : s.IndexOf(sep, StringComparison.Ordinal);
        if (k < 0)
        {
            return fromRight ? ("", "", s) : (s, "", "");
        }

        return (s[..k], sep, s[(k + sep.Length)..]);
    }

    /// <summary><c>str.strip(chars)</c>: white space when <paramref name="chars"/> is null.</summary>
    public static string Strip(string s, string? chars) => TrimEnd(TrimStart(s, chars), chars);

    /// <summary><c>str.lstrip(chars)</c>.</summary>
    public static string TrimStart(string s, string? chars)
    {
        var i = 0;
        while (i < s.Length && (chars is null ? IsSpace(s[i]) : chars.Contains(s[i], StringComparison.Ordinal)))
        {
            i++;
        }

        return s[i..];
    }

    /// <summary><c>str.rstrip(chars)</c>.</summary>
    public static string TrimEnd(string s, string? chars)
    {
        var i = s.Length;
        while (i > 0 && (chars is null ? IsSpace(s[i - 1]) : chars.Contains(s[i - 1], StringComparison.Ordinal)))
        {
            i--;
        }

        return s[..i];
    }

    /// <summary>
    /// <c>str.center</c>, <c>ljust</c> (<paramref name="align"/> '&lt;') and <c>rjust</c> ('&gt;'): pads with
    /// <paramref name="fill"/>, which must be one character, up to <paramref name="width"/>.
    /// </summary>
    public static string Justify(string s, long width, string fill, char align)
    {
        if (fill.Length != 1)
        {
            throw new JinjaRuntimeException("The fill character must be exactly one character long");
        }

        if (s.Length >= width)
        {
            return s;
        }

        SizeGuard.String(width);
        var total = (int)width - s.Length;
        // Python puts the extra fill on the right unless the width and the padding are both odd.
        var left = align switch
        {
            '<' => 0,
            '>' => total,
            _ => (total / 2) + (total & (int)width & 1),
        };
        return new string(fill[0], left) + s + new string(fill[0], total - left);
    }

    /// <summary><c>str.zfill(width)</c>: zeros after the sign.</summary>
    public static string ZFill(string s, long width)
    {
        if (s.Length >= width)
        {
            return s;
        }

        SizeGuard.String(width);
        var zeros = new string('0', (int)width - s.Length);
        return s.Length > 0 && s[0] is '+' or '-' ? s[0] + zeros + s[1..] : zeros + s;
    }

    /// <summary>Python's <c>str.title()</c>: a cased character after a cased one is lowered, any other uppered.</summary>
    public static string Title(string s)
    {
        var sb = new StringBuilder(s.Length);
        var previousCased = false;
        foreach (var c in s)
        {
            sb.Append(previousCased ? char.ToLowerInvariant(c) : ToTitle(c));
            previousCased = char.IsUpper(c) || char.IsLower(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.TitlecaseLetter;
        }

        return sb.ToString();
    }

    /// <summary>Python's <c>str.capitalize()</c>.</summary>
    public static string Capitalize(string s) => s.Length == 0 ? s : ToTitle(s[0]) + s[1..].ToLowerInvariant();

    /// <summary>
    /// Python's title case of one character: the digraphs have their own (ǅ, not Ǆ), the rest are upper-cased.
    /// </summary>
    public static char ToTitle(char c) => c switch
    {
        'Ǆ' or 'ǅ' or 'ǆ' => 'ǅ',
        'Ǉ' or 'ǈ' or 'ǉ' => 'ǈ',
        'Ǌ' or 'ǋ' or 'ǌ' => 'ǋ',
        'Ǳ' or 'ǲ' or 'ǳ' => 'ǲ',
        _ => char.ToUpperInvariant(c),
    };

    /// <summary>Python's <c>str.upper()</c>: the full mappings of the common letters too (ß is SS).</summary>
    public static string Upper(string s)
    {
        var upper = s.ToUpperInvariant();
        if (!upper.AsSpan().ContainsAny("ßﬀﬁﬂﬃﬄﬅﬆ"))
        {
            return upper;
        }

        var sb = new StringBuilder(upper.Length + 4);
        foreach (var c in upper)
        {
            sb.Append(c switch
            {
                'ß' => "SS",
                'ﬀ' => "FF",
                'ﬁ' => "FI",
                'ﬂ' => "FL",
                'ﬃ' => "FFI",
                'ﬄ' => "FFL",
                'ﬅ' or 'ﬆ' => "ST",
                _ => c.ToString(),
            });
        }

        return sb.ToString();
    }

    /// <summary><c>str.islower()</c>: a cased character, and none upper or title case.</summary>
    public static bool IsLower(string s) => s.Any(char.IsLower) && !s.Any(c => char.IsUpper(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.TitlecaseLetter);

    /// <summary><c>str.isupper()</c>: a cased character, and none lower or title case.</summary>
    public static bool IsUpper(string s) => s.Any(char.IsUpper) && !s.Any(c => char.IsLower(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.TitlecaseLetter);

    /// <summary>Python's <c>str.swapcase()</c>.</summary>
    public static string SwapCase(string s) =>
        string.Create(s.Length, s, (span, text) =>
        {
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                span[i] = char.IsUpper(c) ? char.ToLowerInvariant(c) : char.IsLower(c) ? char.ToUpperInvariant(c) : c;
            }
        });

    /// <summary>Python's <c>str.expandtabs(tabsize)</c>: the column restarts after \n and \r.</summary>
    public static string ExpandTabs(string s, long tabsize)
    {
        var sb = new StringBuilder(s.Length);
        var column = 0;
        foreach (var c in s)
        {
            if (c == '\t')
            {
                if (tabsize > 0)
                {
                    // Each tab may be a tabsize of spaces: '\t'.expandtabs(10**9) would be 2 GB.
                    var spaces = tabsize - (column % tabsize);
                    SizeGuard.String(sb.Length + spaces);
                    sb.Append(' ', (int)spaces);
                    column += (int)spaces;
                }
            }
            else
            {
                sb.Append(c);
                column = c is '\n' or '\r' ? 0 : column + 1;
            }
        }

        return sb.ToString();
    }

    /// <summary><c>str.translate(table)</c>: code point → text, code point or None (delete).</summary>
    public static string Translate(string s, object? table)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (!PyAccess.TryGetKey(table, (long)c, out var to))
            {
                sb.Append(c);
            }
            else if (to is null)
            {
                continue;
            }
            else if (PyOps.IsInteger(to))
            {
                sb.Append(char.ConvertFromUtf32((int)PyOps.ToLong(to)));
            }
            else if (to is string or Markup)
            {
                // Each character may map to a long text: 16 M characters each mapped to 1,000 would be 32 GB.
                var text = PyOps.Str(to);
                SizeGuard.String((long)sb.Length + text.Length);
                sb.Append(text);
            }
            else
            {
                throw new JinjaRuntimeException("character mapping must return integer, None or str");
            }
        }

        return sb.ToString();
    }

    /// <summary><c>str.replace(old, new, count)</c>; a negative count replaces all, an empty <paramref name="old"/> inserts between characters.</summary>
    public static string Replace(string s, string old, string @new, long count)
    {
        CheckReplace(s, old, @new, count);
        if (count < 0)
        {
            if (old.Length > 0)
            {
                return s.Replace(old, @new, StringComparison.Ordinal);
            }

            count = long.MaxValue;
        }

        var sb = new StringBuilder();
        if (old.Length == 0)
        {
            for (var i = 0; i <= s.Length; i++)
            {
                if (count-- > 0)
                {
                    sb.Append(@new);
                }

                if (i < s.Length)
                {
                    sb.Append(s[i]);
                }
            }

            return sb.ToString();
        }

        var from = 0;
        for (var n = 0L; n < count; n++)
        {
            var k = s.IndexOf(old, from, StringComparison.Ordinal);
            if (k < 0)
            {
                break;
            }

            sb.Append(s, from, k - from).Append(@new);
            from = k + old.Length;
        }

        return sb.Append(s, from, s.Length - from).ToString();
    }

    // Throws unless s with `count` (all when negative) occurrences of `old` replaced is within the size limit, before
    // it is built: ('x' * 10**6).replace('x', 'y' * 100) would be 200 MB, ''.join-like replace('', ...) as much.
    private static void CheckReplace(string s, string old, string @new, long count)
    {
        if (@new.Length <= old.Length && old.Length > 0)
        {
            return;
        }

        // At most every position matches: count the matches only when that could go past the limit.
        long most = old.Length == 0 ? s.Length + 1L : s.Length / old.Length;
        if (count >= 0)
        {
            most = Math.Min(most, count);
        }

        if (s.Length + (most * (@new.Length - old.Length)) <= SizeGuard.Limit)
        {
            return;
        }

        long n = old.Length == 0 ? s.Length + 1L : CountOf(s, old);
        if (count >= 0)
        {
            n = Math.Min(n, count);
        }

        SizeGuard.String(s.Length + (n * (@new.Length - old.Length)));
    }

    private static long CountOf(string s, string sub)
    {
        var n = 0L;
        for (var i = s.IndexOf(sub, StringComparison.Ordinal); i >= 0; i = s.IndexOf(sub, i + sub.Length, StringComparison.Ordinal))
        {
            n++;
        }

        return n;
    }

    /// <summary>Python's slice bounds <c>s[start:end]</c> for find/count/startswith: negative from the end, clamped.</summary>
    public static (int Start, int End) Bounds(int length, object? start, object? end)
    {
        static int Clamp(long v, int n) => (int)Math.Clamp(v < 0 ? v + n : v, 0, n);
        var a = start is null ? 0 : Clamp(PyOps.ToLong(start), length);
        var b = end is null ? length : Clamp(PyOps.ToLong(end), length);
        return (a, b);
    }

    /// <summary><c>str.find(sub, start, end)</c> (and rfind with <paramref name="fromRight"/>): the index, or -1.</summary>
    public static int Find(string s, string sub, object? start, object? end, bool fromRight)
    {
        // As Python: a start past the end finds nothing, not even the empty string.
        if (start is not null && PyOps.ToLong(start) > s.Length)
        {
            return -1;
        }

        var (a, b) = Bounds(s.Length, start, end);
        if (b - a < sub.Length)
        {
            return -1;
        }

        if (sub.Length == 0)
        {
            return fromRight ? b : a;
        }

        return fromRight ? s.LastIndexOf(sub, b - 1, b - a, StringComparison.Ordinal) : s.IndexOf(sub, a, b - a, StringComparison.Ordinal);
    }

    /// <summary><c>str.count(sub, start, end)</c>: non-overlapping occurrences; the empty string counts once more than the characters.</summary>
    public static int Count(string s, string sub, object? start, object? end)
    {
        if (start is not null && PyOps.ToLong(start) > s.Length)
        {
            return 0;
        }

        var (a, b) = Bounds(s.Length, start, end);
        if (sub.Length == 0)
        {
            return Math.Max(0, b - a) + 1;
        }

        var n = 0;
        for (var i = a; i <= b - sub.Length; )
        {
            var found = s.IndexOf(sub, i, b - i, StringComparison.Ordinal);
            if (found < 0)
            {
                break;
            }

            n++;
            i = found + sub.Length;
        }

        return n;
    }

    /// <summary><c>str.casefold()</c>: lower case plus the full case foldings of the common letters (ß is ss).</summary>
    public static string CaseFold(string s)
    {
        var lower = s.ToLowerInvariant();
        if (!lower.AsSpan().ContainsAny("ßẞſςﬁﬂﬀﬃﬄﬅﬆ"))
        {
            return lower;
        }

        var sb = new StringBuilder(lower.Length + 4);
        foreach (var c in lower)
        {
            sb.Append(c switch
            {
                'ß' or 'ẞ' => "ss",
                'ſ' => "s",
                'ς' => "σ",
                'ﬀ' => "ff",
                'ﬁ' => "fi",
                'ﬂ' => "fl",
                'ﬃ' => "ffi",
                'ﬄ' => "ffl",
                'ﬅ' or 'ﬆ' => "st",
                _ => c.ToString(),
            });
        }

        return sb.ToString();
    }

    /// <summary><c>str.isdecimal()</c>: decimal digits only (Unicode Nd).</summary>
    public static bool IsDecimal(string s) => s.Length > 0 && s.All(char.IsDigit);

    /// <summary><c>str.isdigit()</c>: decimal digits and other digits such as superscripts (²).</summary>
    public static bool IsDigit(string s) => s.Length > 0 && s.All(c => char.IsDigit(c) || CharUnicodeInfo.GetDigitValue(c) >= 0);

    /// <summary><c>str.isnumeric()</c>: any numeric character (digits, ½, Roman numerals).</summary>
    public static bool IsNumeric(string s) => s.Length > 0 && s.All(char.IsNumber);

    /// <summary><c>str.isalnum()</c>.</summary>
    public static bool IsAlnum(string s) => s.Length > 0 && s.All(c => char.IsLetter(c) || char.IsNumber(c));

    /// <summary><c>str.isascii()</c>: true for the empty string.</summary>
    public static bool IsAscii(string s) => s.All(char.IsAscii);

    /// <summary><c>str.isidentifier()</c>: a letter or underscore, then letters, digits, marks and connectors.</summary>
    public static bool IsIdentifier(string s) =>
        s.Length > 0 && (char.IsLetter(s[0]) || s[0] == '_') && s.All(c => char.IsLetterOrDigit(c) || c == '_' || CharUnicodeInfo.GetUnicodeCategory(c)
            is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.ConnectorPunctuation or UnicodeCategory.LetterNumber);

    /// <summary><c>str.isprintable()</c>: no control, format, separator (but the space) or unassigned characters.</summary>
    public static bool IsPrintable(string s) => s.All(c => c == ' ' || CharUnicodeInfo.GetUnicodeCategory(c) is not (
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
        or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.SpaceSeparator));

    /// <summary><c>str.istitle()</c>: upper case only after uncased characters, lower case only after cased ones, and one cased at least.</summary>
    public static bool IsTitle(string s)
    {
        var cased = false;
        var previousCased = false;
        foreach (var c in s)
        {
            if (char.IsUpper(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.TitlecaseLetter)
            {
                if (previousCased)
                {
                    return false;
                }

                previousCased = cased = true;
            }
            else if (char.IsLower(c))
            {
                if (!previousCased)
                {
                    return false;
                }

                previousCased = cased = true;
            }
            else
            {
                previousCased = false;
            }
        }

        return cased;
    }

    /// <summary><c>str.maketrans(x[, y[, z]])</c>: a table from code points to code points, strings or None.</summary>
    public static Dictionary<object, object?> MakeTrans(object? x, object? y, object? z, bool hasY)
    {
        var table = new Dictionary<object, object?>();
        if (!hasY)
        {
            foreach (var (k, v) in PyAccess.AsMapping(x) ?? throw new JinjaRuntimeException("if you give only one argument to maketrans it must be a dict"))
            {
                table[k is string ks && ks.Length == 1 ? (long)ks[0] : PyOps.IsInteger(k) ? PyOps.ToLong(k) : throw new JinjaRuntimeException("keys in translate table must be strings or integers")] = v;
            }

            return table;
        }

        var from = x as string ?? throw new JinjaRuntimeException("maketrans() argument 1 must be str");
        var to = y as string ?? throw new JinjaRuntimeException("maketrans() argument 2 must be str");
        if (from.Length != to.Length)
        {
            throw new JinjaRuntimeException("the first two maketrans arguments must have equal length");
        }

        for (var i = 0; i < from.Length; i++)
        {
            table[(long)from[i]] = (long)to[i];
        }

        if (z is string remove)
        {
            foreach (var c in remove)
            {
                table[(long)c] = null;
            }
        }

        return table;
    }
}
