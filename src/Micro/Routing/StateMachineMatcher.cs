using Microsoft.AspNetCore.Http;
using Micro.Routing.Matching;

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
/// <c>RouteEndpoint</c>, bound and executed by the platform. The matcher hands back what was added with each
/// rule (the app's route entry), as Werkzeug's matcher returns the rule itself: no back-pointer from rule to route.
/// </remarks>
/// <typeparam name="TRoute">What a match returns: the route entry a rule was added with.</typeparam>
internal sealed class StateMachineMatcher<TRoute>
    where TRoute : class
{
    private readonly State _root = new();

    // Rules whose parts are all static, by the path that reaches them (see MatchStatic); rebuilt by Update.
    private Dictionary<string, State>? _staticPaths;

    /// <summary>Gets or sets whether a path naming a static rule is looked up before walking (on by default; tests compare both).</summary>
    internal bool LooksUpStaticPaths { get; set; } = true;

    public void Add(Rule rule, TRoute route)
    {
        _staticPaths = null;
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

        state.Rules.Add((rule, route));
    }

    /// <summary>Sorts every state's dynamic transitions by weight (a stable sort, as Python's).</summary>
    public void Update()
    {
        Update(_root);
        var paths = new Dictionary<string, State>(StringComparer.Ordinal);
        AddStaticPaths(_root, [], paths);
        _staticPaths = paths;
    }

    // A state reached from the root through static parts only: the path that walks there is its parts after the
    // domain joined with slashes (Split's inverse), e.g. ["", "", "plaintext"] for "/plaintext".
    private static void AddStaticPaths(State state, List<string> parts, Dictionary<string, State> paths)
    {
        if (state.Rules.Count > 0 && parts is ["", _, ..])
        {
            paths[string.Join('/', parts.Skip(1))] = state;
        }

        foreach (var (content, next) in state.Static)
        {
            parts.Add(content);
            AddStaticPaths(next, parts, paths);
            parts.RemoveAt(parts.Count - 1);
        }
    }

    private static void Update(State state)
    {
        var sorted = state.Dynamic.OrderBy(entry => entry.Part.Weight).ToList();
        state.Dynamic.Clear();
        state.Dynamic.AddRange(sorted);
        state.Share();
        foreach (var next in state.Static.Values)
        {
            Update(next);
        }

        foreach (var (_, next) in state.Dynamic)
        {
            Update(next);
        }
    }

    /// <summary>
    /// Matches a decoded path (no query string) and method. The work is linear in the path's length (see
    /// <see cref="PartProgram"/>); <paramref name="cancellationToken"/> is looked at every
    /// <see cref="MatchMeter.CheckEvery"/> steps, and once it is cancelled the outcome is <see cref="MatchOutcome{TRoute}.Aborted"/>.
    /// </summary>
    public MatchOutcome<TRoute> Match(string path, string method, CancellationToken cancellationToken = default) =>
        Match(path, method, new MatchMeter(cancellationToken), out _);

    /// <summary>
    /// Matches like <see cref="Match(string, string, CancellationToken)"/>, looking at the request's
    /// <c>RequestAborted</c> only when the match runs long enough to check it.
    /// </summary>
    public MatchOutcome<TRoute> Match(string path, string method, HttpContext context) =>
        Match(path, method, new MatchMeter(static c => ((HttpContext)c!).RequestAborted, context), out _);

    /// <summary>Matches like <see cref="Match(string, string, CancellationToken)"/> and reports the steps taken (for the bound's tests).</summary>
    internal MatchOutcome<TRoute> Match(string path, string method, CancellationToken cancellationToken, out long steps) =>
        Match(path, method, new MatchMeter(cancellationToken), out steps);

    private MatchOutcome<TRoute> Match(string path, string method, MatchMeter meter, out long steps)
    {
        try
        {
            return Match(path, method, ref meter);
        }
        catch (OperationCanceledException) when (meter.IsCancellationRequested)
        {
            return MatchOutcome<TRoute>.Aborted;
        }
        finally
        {
            steps = meter.Steps;
        }
    }

    private MatchOutcome<TRoute> Match(string path, string method, ref MatchMeter meter)
    {
        // Werkzeug: path_part = "/" + path_info.lstrip("/"), so leading slashes merge silently.
        if (path.Length > 1 && path[1] == '/')
        {
            path = "/" + path.TrimStart('/');
        }

        if (MatchStatic(path, method) is { } exact)
        {
            return exact;
        }

        // The search is the thread's own between matches (it runs synchronously, start to end): no allocation for it or
        // its value list on the common request. What the outcome keeps (values, allowed methods) is never reused.
        var search = Search.Rent(method);
        try
        {
            var found = search.Run(_root, path, ref meter);
            if (search.SlashRequired)
            {
                return MatchOutcome<TRoute>.Redirect(path + "/", search.Allowed);
            }

            if (found is null)
            {
                // Try again with duplicate slashes merged; a match then is a redirect to the merged path.
                var merged = Rule.MultipleSlashes().Replace(path, "/");
                if (merged.Length != path.Length)
                {
                    var retry = new Search(method, search.HaveMatchFor);

                    var again = retry.Run(_root, merged, ref meter);
                    if (retry.SlashRequired)
                    {
                        return MatchOutcome<TRoute>.Redirect(merged + "/", search.Allowed);
                    }

                    if (again is not null)
                    {
                        return MatchOutcome<TRoute>.Redirect(merged, search.Allowed);
                    }
                }

                return MatchOutcome<TRoute>.NoMatch(search.Allowed);
            }

            return MatchOutcome<TRoute>.Matched(found.Value.Route, found.Value.Values, search.Allowed);
        }
        finally
        {
            Search.Return(search);
        }
    }

    /// <summary>
    /// Gets the size the matching bound is stated in: the states, and the instructions of every dynamic part's
    /// program (a part matched by .NET's engine or by a converter's own check counts one).
    /// </summary>
    internal (int States, int Instructions) Size()
    {
        var (states, instructions) = (0, 0);
        var pending = new Stack<State>([_root]);
        while (pending.TryPop(out var state))
        {
            states++;
            foreach (var next in state.Static.Values)
            {
                pending.Push(next);
            }

            foreach (var (part, next) in state.Dynamic)
            {
                instructions += part.Program?.Length ?? 1;
                pending.Push(next);
            }
        }

        return (states, instructions);
    }

    /// <summary>
    /// The walk's first try, without walking: static transitions come before dynamic ones at every state, so a path
    /// that spells a chain of static parts reaches that chain's end first, and a rule there that takes the method is
    /// the walk's answer (with the same methods seen on the way). Anything else is left to the walk.
    /// </summary>
    private MatchOutcome<TRoute>? MatchStatic(string path, string method)
    {
        if (!LooksUpStaticPaths || _staticPaths is not { } paths || !paths.TryGetValue(path, out var state))
        {
            return null;
        }

        HashSet<string>? seen = null;
        foreach (var (rule, route) in state.Rules)
        {
            if (rule.Methods.Contains(method))
            {
                return MatchOutcome<TRoute>.Matched(route, [], (IReadOnlySet<string>?)seen ?? Empty);
            }

            (seen ??= new(StringComparer.Ordinal)).UnionWith(rule.Methods);
        }

        return null;
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

        public List<(Rule Rule, TRoute Route)> Rules { get; } = [];

        public Dictionary<string, State> Static { get; } = new(StringComparer.Ordinal);

        /// <summary>Gets the program shared by the dynamic parts that match the rest of the path (null with fewer than <see cref="SharedProgram.MinParts"/>).</summary>
        public SharedProgram? Rest { get; private set; }

        /// <summary>Gets the program shared by the dynamic parts that match one segment (null with fewer than <see cref="SharedProgram.MinParts"/>).</summary>
        public SharedProgram? Segment { get; private set; }

        /// <summary>Gets, per dynamic part, its entry in <see cref="Rest"/> or <see cref="Segment"/>, or -1.</summary>
        public int[] Shared { get; private set; } = [];

        // Parts that match the same text at this state share one program, so what fails for one is not tried again
        // for the next (hundreds of rules that differ only in a literal cost about what one does).
        public void Share()
        {
            Shared = new int[Dynamic.Count];
            Array.Fill(Shared, -1);
            Rest = Compile(final: true);
            Segment = Compile(final: false);
        }

        private SharedProgram? Compile(bool final)
        {
            var members = Enumerable.Range(0, Dynamic.Count).Where(i => Dynamic[i].Part.Final == final && Dynamic[i].Part.Program is not null).ToList();
            if (members.Count < SharedProgram.MinParts)
            {
                return null;
            }

            var program = SharedProgram.TryCreate(members.Select(i => Dynamic[i].Part).Select(part =>
                (part.Pattern!.ToString(), (IReadOnlyList<string>)(part.Suffixed ? [.. part.GroupNames, Rule.SuffixGroup] : part.GroupNames))).ToList());
            if (program is not null)
            {
                for (var m = 0; m < members.Count; m++)
                {
                    Shared[members[m]] = m;
                }
            }

            return program;
        }
    }

    private sealed class Search(string method, HashSet<string>? haveMatchFor = null)
    {
        // What remains after a slash-matching part that took a trailing slash: one empty part.
        private static readonly string[] TrailingSlash = [""];

        [ThreadStatic]
        private static Search? t_cached;

        private readonly List<string> _values = [];

        private string _method = method;

        private HashSet<string>? _haveMatchFor = haveMatchFor;

        public static Search Rent(string method)
        {
            var search = t_cached;
            if (search is null)
            {
                return new Search(method);
            }

            t_cached = null;
            search._method = method;
            return search;
        }

        public static void Return(Search search)
        {
            // The allowed set went out with the outcome; a search cancelled mid-walk may have left values.
            search._values.Clear();
            search._haveMatchFor = null;
            search.SlashRequired = false;
            t_cached = search;
        }

        /// <summary>Gets the methods of rules whose path matched but method did not (allocated only when needed).</summary>
        public HashSet<string> HaveMatchFor => _haveMatchFor ??= new(StringComparer.Ordinal);

        public IReadOnlySet<string> Allowed => (IReadOnlySet<string>?)_haveMatchFor ?? Empty;

        public bool SlashRequired { get; private set; }

        public (TRoute Route, string[] Values)? Run(State root, string path, ref MatchMeter meter)
        {
            // The path and its parts travel on the stack with the meter: the search object stays as small as it was.
            var walk = new Walker(path, Split(path), meter);
            try
            {
                return Walk(root, walk.Parts, 0, ref walk);
            }
            finally
            {
                meter = walk.Meter;
            }
        }

        // Every state is reached through one parent and a part moves one segment on (or to the end), so each
        // state is walked at most once per search: the work is the parts' matching, each linear in its text.
        private (TRoute Route, string[] Values)? Walk(State state, string[] parts, int index, ref Walker walk)
        {
            walk.Meter.Add(1);
            if (index == parts.Length)
            {
                foreach (var (rule, route) in state.Rules)
                {
                    if (!rule.Methods.Contains(_method))
                    {
                        HaveMatchFor.UnionWith(rule.Methods);
                    }
                    else
                    {
                        return (route, _values.ToArray());
                    }
                }

                // A rule would match with a trailing slash: strict ones ask for a redirect.
                if (state.Static.TryGetValue("", out var slash))
                {
                    foreach (var (rule, route) in slash.Rules)
                    {
                        if (rule.Methods.Contains(_method))
                        {
                            if (rule.StrictSlashes)
                            {
                                SlashRequired = true;
                                return null;
                            }

                            return (route, _values.ToArray());
                        }
                    }
                }

                return null;
            }

            var part = parts[index];
            if (state.Static.TryGetValue(part, out var next))
            {
                var found = Walk(next, parts, index + 1, ref walk);
                if (found is not null || SlashRequired)
                {
                    return found;
                }
            }

            Span<int> buffer = stackalloc int[32];

            // The shared runs belong to this visit of the state: they are given back however the walk ends.
            SharedRun? restRun = null;
            SharedRun? segmentRun = null;
            try
            {
                for (var d = 0; d < state.Dynamic.Count; d++)
                {
                    var (test, target) = state.Dynamic[d];
                    if (!test.Final && test.Single?.MatchesWhole(part) is { } whole)
                    {
                        // The part is one built-in converter: match it without the regex (the hot path).
                        walk.Meter.Add(1 + part.Length);
                        if (!whole)
                        {
                            continue;
                        }

                        _values.Add(part);
                        var direct = Walk(target, parts, index + 1, ref walk);
                        if (direct is not null || SlashRequired)
                        {
                            return direct;
                        }

                        _values.RemoveAt(_values.Count - 1);
                        continue;
                    }

                    // A final part matches all the remaining segments joined by slashes: a suffix of the path.
                    var (text, start) = test.Final ? walk.Remainder(parts, index) : (part, 0);
                    var rest = parts;
                    var remaining = test.Final ? parts.Length : index + 1;
                    var mark = _values.Count;
                    var groups = test.GroupNames.Length + (test.Suffixed ? 1 : 0);
                    var captures = 2 * groups <= buffer.Length ? buffer[..(2 * groups)] : new int[2 * groups];
                    SharedRun? run = null;
                    var shared = state.Shared[d];
                    if (shared < 0)
                    {
                        if (!MatchPart(test, text, start, captures, ref walk.Meter))
                        {
                            continue;
                        }
                    }
                    else
                    {
                        if (!test.Program!.CouldMatch(text.AsSpan(start)) || (test.Final && !test.Suffixed && CannotChange(target)))
                        {
                            walk.Meter.Add(1);
                            continue;
                        }

                        // Parts matching the same text share one run: what one part found to fail, the next skips.
                        var program = test.Final ? state.Rest! : state.Segment!;
                        run = test.Final
                            ? restRun ??= SharedRun.Acquire(program, text, start, text.Length)
                            : segmentRun ??= SharedRun.Acquire(program, text, start, text.Length);
                        if (!program.Match(shared, run, captures, ref walk.Meter))
                        {
                            continue;
                        }
                    }

                    for (var g = 0; g < test.GroupNames.Length; g++)
                    {
                        var from = captures[2 * g];
                        _values.Add(from < 0 ? "" : text[from..captures[(2 * g) + 1]]);
                    }

                    if (test.Suffixed && captures[2 * groups - 1] - captures[2 * groups - 2] == 1)
                    {
                        // The slash was part of the match: what remains is the trailing-slash part.
                        rest = TrailingSlash;
                        remaining = 0;
                    }

                    var found = Walk(target, rest, remaining, ref walk);
                    if (found is not null || SlashRequired)
                    {
                        return found;
                    }

                    _values.RemoveRange(mark, _values.Count - mark);

                    // The search goes past a success: the pairs on its way lead to it (they did not fail).
                    run?.GoPast();
                }
            }
            finally
            {
                if (restRun is not null)
                {
                    SharedRun.Release();
                }

                if (segmentRun is not null)
                {
                    SharedRun.Release();
                }
            }

            // Only a trailing slash is left: non-strict rules match here.
            if (parts.Length - index == 1 && part.Length == 0)
            {
                foreach (var (rule, route) in state.Rules)
                {
                    if (rule.StrictSlashes)
                    {
                        continue;
                    }

                    if (!rule.Methods.Contains(_method))
                    {
                        HaveMatchFor.UnionWith(rule.Methods);
                    }
                    else
                    {
                        return (route, _values.ToArray());
                    }
                }
            }

            return null;
        }

        // A part that matches the rest of the path leads to the end of the path: when no rule there takes the method
        // and the methods of its rules are already known to be allowed, matching the part could not change the outcome.
        private bool CannotChange(State target)
        {
            if (_haveMatchFor is null)
            {
                return false;
            }

            foreach (var (rule, _) in target.Rules)
            {
                if (rule.Methods.Contains(_method) || !_haveMatchFor.IsSupersetOf(rule.Methods))
                {
                    return false;
                }
            }

            if (target.Static.TryGetValue("", out var slash))
            {
                foreach (var (rule, _) in slash.Rules)
                {
                    if (rule.Methods.Contains(_method))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        private static bool MatchPart(RulePart test, string text, int start, Span<int> captures, ref MatchMeter meter)
        {
            if (test.Program is { } program)
            {
                return program.Match(text, start, text.Length, captures, ref meter);
            }

            // Outside the program's subset: .NET's engine on the part's text (see RulePart.Fallback).
            var input = start == 0 ? text : text[start..];
            meter.Add(1 + input.Length);
            System.Text.RegularExpressions.Match match;
            try
            {
                match = test.Fallback!.Match(input);
            }
            catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
            {
                return false;
            }

            if (!match.Success)
            {
                return false;
            }

            var slot = 0;
            foreach (var name in test.GroupNames)
            {
                var group = match.Groups[name];
                captures[slot++] = group.Success ? start + group.Index : -1;
                captures[slot++] = group.Success ? start + group.Index + group.Length : -1;
            }

            if (test.Suffixed)
            {
                var suffix = match.Groups[Rule.SuffixGroup];
                captures[slot++] = start + suffix.Index;
                captures[slot] = start + suffix.Index + suffix.Length;
            }

            return true;
        }
    }

    /// <summary>What one search walks: the path, its parts, and the step meter.</summary>
    private struct Walker(string path, string[] parts, MatchMeter meter)
    {
        public MatchMeter Meter = meter;

        public readonly string[] Parts => parts;

        // Werkzeug's "/".join(parts[index:]) without building it: for the path's own parts it is the path from
        // the part's first character on.
        public readonly (string Text, int Start) Remainder(string[] current, int index)
        {
            if (current != parts || index < 2)
            {
                return (string.Join('/', current, index, current.Length - index), 0);
            }

            var start = path.Length - path.AsSpan().TrimStart('/').Length;
            for (var i = 2; i < index; i++)
            {
                start += parts[i].Length + 1;
            }

            return (path, start);
        }
    }
}
