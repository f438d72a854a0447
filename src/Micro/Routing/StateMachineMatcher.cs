namespace Micro.Routing;

/// <summary>
/// Werkzeug's <c>StateMachineMatcher</c>, ported line for line: a tree of states walked part by part,
/// static transitions before dynamic ones, dynamic ones by weight, backtracking on failure.
/// </summary>
/// <remarks>
/// Written by hand rather than expressed as ASP.NET Core route patterns because Werkzeug's rules do not
/// fit the DFA matcher: matching is case-sensitive, trailing slashes are significant (and redirect),
/// <c>path</c> may sit mid-rule, several converters may share a segment with regex semantics, the method
/// takes part in the search (a path match with the wrong method keeps searching, then yields 405), and
/// <c>%2F</c> decodes to a slash before matching. The selected endpoint is still an ASP.NET Core
/// <c>RouteEndpoint</c>, bound and executed by the platform.
/// </remarks>
internal sealed class StateMachineMatcher
{
    private readonly State _root = new();

    public void Add(Rule rule)
    {
        var state = _root;
        foreach (var part in rule.Parts)
        {
            if (part.IsStatic)
            {
                if (!state.Static.TryGetValue(part.Content, out var next))
                {
                    next = new State();
                    state.Static[part.Content] = next;
                }

                state = next;
            }
            else
            {
                State? found = null;
                foreach (var (test, next) in state.Dynamic)
                {
                    if (test.Equals(part))
                    {
                        found = next;
                        break;
                    }
                }

                if (found is null)
                {
                    found = new State();
                    state.Dynamic.Add((part, found));
                }

                state = found;
            }
        }

        state.Rules.Add(rule);
    }

    /// <summary>Sorts every state's dynamic transitions by weight (a stable sort, as Python's).</summary>
    public void Update() => Update(_root);

    private static void Update(State state)
    {
        var sorted = state.Dynamic.OrderBy(entry => entry.Part.Weight).ToList();
        state.Dynamic.Clear();
        state.Dynamic.AddRange(sorted);
        foreach (var next in state.Static.Values)
        {
            Update(next);
        }

        foreach (var (_, next) in state.Dynamic)
        {
            Update(next);
        }
    }

    /// <summary>Matches a decoded path (no query string) and method.</summary>
    public MatchOutcome Match(string path, string method)
    {
        // Werkzeug: path_part = "/" + path_info.lstrip("/"), so leading slashes merge silently.
        if (path.Length > 1 && path[1] == '/')
        {
            path = "/" + path.TrimStart('/');
        }

        var search = new Search(method);
        var parts = Split(path);
        var found = search.Run(_root, parts);
        if (search.SlashRequired)
        {
            return MatchOutcome.Redirect(path + "/", search.Allowed);
        }

        if (found is null)
        {
            // Try again with duplicate slashes merged; a match then is a redirect to the merged path.
            var merged = Rule.MultipleSlashes().Replace(path, "/");
            if (merged.Length != path.Length)
            {
                var retry = new Search(method, search.HaveMatchFor);

                var again = retry.Run(_root, Split(merged));
                if (retry.SlashRequired)
                {
                    return MatchOutcome.Redirect(merged + "/", search.Allowed);
                }

                if (again is not null)
                {
                    return MatchOutcome.Redirect(merged, search.Allowed);
                }
            }

            return MatchOutcome.NoMatch(search.Allowed);
        }

        return MatchOutcome.Matched(found.Value.Rule, found.Value.Values, search.Allowed);
    }

    // Werkzeug: [domain, *path.split("/")] with path = "/" + path_info.lstrip("/").
    private static string[] Split(string path)
    {
        if (path.Length == 0)
        {
            return ["", ""];
        }

        var trimmed = path.AsSpan().TrimStart('/');
        var parts = new string[2 + trimmed.Count('/') + 1];
        parts[0] = "";
        parts[1] = "";
        var index = 2;
        foreach (var range in trimmed.Split('/'))
        {
            parts[index++] = trimmed[range].ToString();
        }

        return parts;
    }

    private static readonly HashSet<string> Empty = [];

    private sealed class State
    {
        public List<(RulePart Part, State Next)> Dynamic { get; } = [];

        public List<Rule> Rules { get; } = [];

        public Dictionary<string, State> Static { get; } = new(StringComparer.Ordinal);
    }

    private sealed class Search(string method, HashSet<string>? haveMatchFor = null)
    {
        private readonly List<string> _values = [];

        private HashSet<string>? _haveMatchFor = haveMatchFor;

        /// <summary>Gets the methods of rules whose path matched but method did not (allocated only when needed).</summary>
        public HashSet<string> HaveMatchFor => _haveMatchFor ??= new(StringComparer.Ordinal);

        public IReadOnlySet<string> Allowed => (IReadOnlySet<string>?)_haveMatchFor ?? Empty;

        public bool SlashRequired { get; private set; }

        public (Rule Rule, string[] Values)? Run(State root, string[] parts) => Walk(root, parts, 0);

        private (Rule Rule, string[] Values)? Walk(State state, string[] parts, int index)
        {
            if (index == parts.Length)
            {
                foreach (var rule in state.Rules)
                {
                    if (!rule.Methods.Contains(method))
                    {
                        HaveMatchFor.UnionWith(rule.Methods);
                    }
                    else
                    {
                        return (rule, _values.ToArray());
                    }
                }

                // A rule would match with a trailing slash: strict ones ask for a redirect.
                if (state.Static.TryGetValue("", out var slash))
                {
                    foreach (var rule in slash.Rules)
                    {
                        if (rule.Methods.Contains(method))
                        {
                            if (rule.StrictSlashes)
                            {
                                SlashRequired = true;
                                return null;
                            }

                            return (rule, _values.ToArray());
                        }
                    }
                }

                return null;
            }

            var part = parts[index];
            if (state.Static.TryGetValue(part, out var next))
            {
                var found = Walk(next, parts, index + 1);
                if (found is not null || SlashRequired)
                {
                    return found;
                }
            }

            foreach (var (test, target) in state.Dynamic)
            {
                var text = part;
                var remaining = index + 1;
                string[] rest = parts;
                if (test.Final)
                {
                    text = string.Join('/', parts, index, parts.Length - index);
                    remaining = parts.Length;
                }

                if (!test.Final && test.Single?.MatchesWhole(text) is { } whole)
                {
                    // The part is one built-in converter: match it without the regex (the hot path).
                    if (!whole)
                    {
                        continue;
                    }

                    _values.Add(text);
                    var direct = Walk(target, rest, remaining);
                    if (direct is not null || SlashRequired)
                    {
                        return direct;
                    }

                    _values.RemoveAt(_values.Count - 1);
                    continue;
                }

                var match = test.Pattern!.Match(text);
                if (!match.Success)
                {
                    continue;
                }

                if (test.Suffixed && match.Groups[Rule.SuffixGroup].Value == "/")
                {
                    // The slash was part of the match: what remains is the trailing-slash part.
                    rest = [""];
                    remaining = 0;
                }

                var mark = _values.Count;
                foreach (var name in test.GroupNames)
                {
                    _values.Add(match.Groups[name].Value);
                }

                var found = Walk(target, rest, remaining);
                if (found is not null || SlashRequired)
                {
                    return found;
                }

                _values.RemoveRange(mark, _values.Count - mark);
            }

            // Only a trailing slash is left: non-strict rules match here.
            if (parts.Length - index == 1 && part.Length == 0)
            {
                foreach (var rule in state.Rules)
                {
                    if (rule.StrictSlashes)
                    {
                        continue;
                    }

                    if (!rule.Methods.Contains(method))
                    {
                        HaveMatchFor.UnionWith(rule.Methods);
                    }
                    else
                    {
                        return (rule, _values.ToArray());
                    }
                }
            }

            return null;
        }
    }
}
