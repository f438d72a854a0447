using System.Text;
using System.Text.RegularExpressions;
using Micro.Templates.Runtime;

namespace Micro.Templates.Filters;

/// <content>urlize and pprint.</content>
internal static partial class BuiltinFilters
{
    private static void RegisterUrlize(IDictionary<string, FilterFunc> f)
    {
        f["urlize"] = (c, v, a) =>
        {
            // do_urlize: rel is the sorted union of rel's words, "nofollow" when asked, and the policy's "noopener".
            var relParts = new SortedSet<string>(PyOps.Str(a.Get(3, "rel") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal) { "noopener" };
            if (PyOps.Truthy(a.Get(1, "nofollow", false)))
            {
                relParts.Add("nofollow");
            }

            var schemes = a.Get(4, "extra_schemes") is { } extra ? PyOps.Iterate(extra).Select(PyOps.Str).ToList() : [];
            foreach (var scheme in schemes)
            {
                if (!UriScheme().IsMatch(scheme))
                {
                    throw new JinjaRuntimeException($"{PyOps.Repr(scheme)} is not a valid URI scheme prefix.");
                }
            }

            var limit = a.Get(0, "trim_url_limit") is { } l ? PyOps.ToLong(l) : (long?)null;
            var target = a.Get(2, "target");
            var text = Urlize(PyOps.EscapeOrKeep(v), limit, string.Join(' ', relParts), target is null or Undefined ? null : PyOps.Str(target), schemes);
            return c.Autoescape ? new Markup(text) : text;
        };
        f["pprint"] = (_, v, _) => PyPrettyPrint.Format(v);
    }

    // Jinja2 3.1's utils.urlize over already escaped text.
    private static string Urlize(string escaped, long? trimLimit, string rel, string? target, List<string> extraSchemes)
    {
        string Trim(string x) => trimLimit is { } n && x.Length > n ? string.Concat(x.AsSpan(0, (int)Math.Max(0, n)), "...") : x;
        var relAttr = rel.Length > 0 ? $" rel=\"{Markup.EscapeText(rel)}\"" : "";
        var targetAttr = !string.IsNullOrEmpty(target) ? $" target=\"{Markup.EscapeText(target)}\"" : "";
        var words = UrlizeSpaces().Split(escaped);
        var sb = new StringBuilder(escaped.Length + 64);
        foreach (var word in words)
        {
            string head = "", middle = word, tail = "";
            if (UrlizeHead().Match(middle) is { Success: true } lead)
            {
                head = lead.Value;
                middle = middle[lead.Length..];
            }

            if (middle.EndsWith(')') || middle.EndsWith('>') || middle.EndsWith('.') || middle.EndsWith(',') || middle.EndsWith('\n') || middle.EndsWith("&gt;", StringComparison.Ordinal))
            {
                if (UrlizeTail().Match(middle) is { Success: true } trail)
                {
                    tail = trail.Value;
                    middle = middle[..trail.Index];
                }
            }

            // Prefer balancing parentheses in URLs instead of ignoring a trailing character.
            foreach (var (open, close) in (ReadOnlySpan<(string, string)>)[("(", ")"), ("<", ">"), ("&lt;", "&gt;")])
            {
                var opens = Occurrences(middle, open);
                if (opens <= Occurrences(middle, close))
                {
                    continue;
                }

                for (var n = Math.Min(opens, Occurrences(tail, close)); n > 0; n--)
                {
                    var end = tail.IndexOf(close, StringComparison.Ordinal) + close.Length;
                    middle += tail[..end];
                    tail = tail[end..];
                }
            }

            if (HttpUrl().IsMatch(middle))
            {
                var href = middle.StartsWith("https://", StringComparison.Ordinal) || middle.StartsWith("http://", StringComparison.Ordinal) ? middle : "https://" + middle;
                middle = $"<a href=\"{href}\"{relAttr}{targetAttr}>{Trim(middle)}</a>";
            }
            else if (middle.StartsWith("mailto:", StringComparison.Ordinal) && Email().IsMatch(middle[7..]))
            {
                middle = $"<a href=\"{middle}\">{middle[7..]}</a>";
            }
            else if (middle.Contains('@', StringComparison.Ordinal) && !middle.StartsWith("www.", StringComparison.Ordinal) && !middle.StartsWith('@')
                && !middle.Contains(':', StringComparison.Ordinal) && Email().IsMatch(middle))
            {
                middle = $"<a href=\"mailto:{middle}\">{middle}</a>";
            }
            else
            {
                foreach (var scheme in extraSchemes)
                {
                    if (middle != scheme && middle.StartsWith(scheme, StringComparison.Ordinal))
                    {
                        middle = $"<a href=\"{middle}\"{relAttr}{targetAttr}>{middle}</a>";
                    }
                }
            }

            sb.Append(head).Append(middle).Append(tail);
        }

        return sb.ToString();
    }

    // str.count: non-overlapping occurrences.
    private static int Occurrences(string s, string sub)
    {
        var n = 0;
        for (var i = s.IndexOf(sub, StringComparison.Ordinal); i >= 0; i = s.IndexOf(sub, i + sub.Length, StringComparison.Ordinal))
        {
            n++;
        }

        return n;
    }

    [GeneratedRegex(@"(\s+)")]
    private static partial Regex UrlizeSpaces();

    [GeneratedRegex(@"^([(<]|&lt;)+")]
    private static partial Regex UrlizeHead();

    [GeneratedRegex(@"([)>.,\n]|&gt;)+$")]
    private static partial Regex UrlizeTail();

    // Jinja's _http_re: a scheme or www. with a domain, a bare domain with a common TLD, or an IP address.
    [GeneratedRegex(@"^((https?://|www\.)(([\w%-]+\.)+)?([a-z]{2,63}|xn--[\w%]{2,59})|([\w%-]{2,63}\.)+(com|net|int|edu|gov|org|info|mil)|(https?://)((([\d]{1,3})(\.[\d]{1,3}){3})|(\[([\da-f]{0,4}:){2}([\da-f]{0,4}:?){1,6}])))(?::[\d]{1,5})?(?:[/?#]\S*)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex HttpUrl();

    [GeneratedRegex(@"^\S+@\w[\w.-]*\.\w+$", RegexOptions.NonBacktracking)]
    private static partial Regex Email();

    [GeneratedRegex(@"^([\w.+-]{2,}:(/){0,2})$")]
    private static partial Regex UriScheme();
}
