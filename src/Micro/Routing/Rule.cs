using System.Text;
using System.Text.RegularExpressions;
using Micro.Routing.Converters;

namespace Micro.Routing;

/// <summary>
/// A parsed URL rule such as <c>/users/&lt;int:id&gt;/edit</c>: the parts the matcher walks, the converters by
/// variable name, and the trace the URL builder replays. A port of Werkzeug's <c>Rule._parse_rule</c>.
/// </summary>
internal sealed partial class Rule
{
    public const string GroupPrefix = "__werkzeug_";

    public const string SuffixGroup = "__micro_suffix";

    private readonly List<(bool IsDynamic, string Data)> _trace = [];

    public Rule(
        string text,
        string endpoint,
        IEnumerable<string> methods,
        bool strictSlashes,
        IReadOnlyDictionary<string, Func<ConverterArguments, Converter>> converters,
        IReadOnlyDictionary<string, object?>? defaults = null,
        RedirectTarget? redirectTo = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        if (!text.StartsWith('/'))
        {
            throw new ArgumentException($"URL rule '{text}' must start with a slash.", nameof(text));
        }

        Text = text;
        Endpoint = endpoint;
        StrictSlashes = strictSlashes;
        var set = new HashSet<string>(methods.Select(m => m.ToUpperInvariant()), StringComparer.Ordinal);
        if (set.Contains("GET"))
        {
            set.Add("HEAD");
        }

        Methods = set;

        // Werkzeug's empty domain part, then the path; duplicate slashes in the rule itself are merged.
        var parts = new List<RulePart> { new("", final: false, isStatic: true, suffixed: false, Weighting.Empty) };
        parts.AddRange(Parse(MultipleSlashes().Replace(text, "/"), converters));
        Parts = parts;
        Defaults = defaults is { Count: > 0 } ? defaults : null;
        DefaultEntries = Defaults?.Select(pair => (pair.Key, pair.Value, DefaultValues.Text(pair.Value))).ToArray();
        RedirectTo = redirectTo;

        // Werkzeug's rule.arguments: the defaults' names and the variables'.
        var arguments = new HashSet<string>(StringComparer.Ordinal);
        if (Defaults is not null)
        {
            arguments.UnionWith(Defaults.Keys);
        }

        arguments.UnionWith(Converters.Select(pair => pair.Key));
        Arguments = arguments;
        if (redirectTo?.Template is { } template)
        {
            redirectTo.Check(this, template);
        }
    }

    public string Text { get; }

    public string Endpoint { get; }

    public IReadOnlySet<string> Methods { get; }

    public bool StrictSlashes { get; }

    public IReadOnlyList<RulePart> Parts { get; }

    /// <summary>Gets the converters by variable name, in the order the variables appear.</summary>
    public List<KeyValuePair<string, Converter>> Converters { get; } = [];

    public IReadOnlyList<(bool IsDynamic, string Data)> Trace => _trace;

    /// <summary>Gets Werkzeug's rule <c>defaults</c>: values the view receives beside the variables, and that URL building prefers this rule for.</summary>
    public IReadOnlyDictionary<string, object?>? Defaults { get; }

    /// <summary>Gets the defaults with the text each stands for in route values, worked out once (for matching).</summary>
    public (string Name, object? Value, string? Text)[]? DefaultEntries { get; }

    /// <summary>Gets Werkzeug's <c>redirect_to</c>: where a request matching this rule is sent (308) instead of the handler.</summary>
    public RedirectTarget? RedirectTo { get; }

    /// <summary>Gets Werkzeug's <c>rule.arguments</c>: the names of the variables and of the defaults.</summary>
    public IReadOnlySet<string> Arguments { get; }

    /// <summary>
    /// Werkzeug's <c>provides_defaults_for</c>: this rule has defaults, the same endpoint and the same arguments as
    /// <paramref name="rule"/>, so a request matching <paramref name="rule"/> with the default values is redirected here.
    /// </summary>
    public bool ProvidesDefaultsFor(Rule rule) =>
        Defaults is not null && Endpoint == rule.Endpoint && !_trace.SequenceEqual(rule._trace) && Arguments.SetEquals(rule.Arguments);

    /// <summary>
    /// Werkzeug's <c>suitable_for</c>: every argument is in the defaults or the values, every default the values name
    /// has the default's value, and the method (when given) is one of the rule's.
    /// </summary>
    public bool SuitableFor(IReadOnlyDictionary<string, object?> values, string? method)
    {
        if (method is not null && !Methods.Contains(method))
        {
            return false;
        }

        foreach (var argument in Arguments)
        {
            if ((Defaults is null || !Defaults.ContainsKey(argument)) && !values.ContainsKey(argument))
            {
                return false;
            }
        }

        if (Defaults is not null)
        {
            foreach (var (key, value) in Defaults)
            {
                if (values.TryGetValue(key, out var given) && !DefaultValues.Same(value, given))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Gets Werkzeug's <c>build_compare_key</c>: rules with more arguments, then more defaults, build first.</summary>
    public (int Arguments, int Defaults) BuildOrder => (-Arguments.Count, -(Defaults?.Count ?? 0));

    [GeneratedRegex("/{2,}")]
    internal static partial Regex MultipleSlashes();

    // Werkzeug's _part_re.
    [GeneratedRegex(@"\G(?:(?<slash>/)|(?<static>[^</]+)|(?:<(?:(?<converter>[a-zA-Z_][a-zA-Z0-9_]*)(?:\((?<arguments>.*?)\))?:)?(?<variable>[a-zA-Z_][a-zA-Z0-9_]*)>))", RegexOptions.CultureInvariant)]
    private static partial Regex PartRegex();

    private IEnumerable<RulePart> Parse(string rule, IReadOnlyDictionary<string, Func<ConverterArguments, Converter>> factories)
    {
        var content = new StringBuilder();
        var isStatic = true;
        var argumentWeights = new List<int>();
        var staticWeights = new List<(int, int)>();
        var final = false;
        var converterNumber = 0;
        var position = 0;
        var hadStatic = false;
        Converter? lastConverter = null;
        var result = new List<RulePart>();

        while (position < rule.Length)
        {
            var match = PartRegex().Match(rule, position);
            if (!match.Success)
            {
                throw new ArgumentException($"Malformed URL rule '{Text}': cannot parse '{rule[position..]}' at position {position}. Variables look like '<name>' or '<converter:name>'.");
            }

            if (match.Groups["static"].Success)
            {
                var text = match.Groups["static"].Value;
                staticWeights.Add((staticWeights.Count, -text.Length));
                hadStatic = true;
                _trace.Add((false, text));
                content.Append(isStatic ? text : Regex.Escape(text));
            }

            if (match.Groups["variable"].Success)
            {
                var variable = match.Groups["variable"].Value;
                if (isStatic)
                {
                    // Switching the content to a regular expression: escape what was literal.
                    var literal = content.ToString();
                    content.Clear().Append(Regex.Escape(literal));
                }

                isStatic = false;
                if (Converters.Exists(pair => pair.Key == variable))
                {
                    throw new ArgumentException($"Variable '{variable}' appears twice in URL rule '{Text}'. Give each variable its own name.");
                }

                var name = match.Groups["converter"].Success ? match.Groups["converter"].Value : "default";
                if (!factories.TryGetValue(name, out var factory))
                {
                    var suggestion = Suggest.Closest(name, factories.Keys.Where(key => key != "default"));
                    throw new ArgumentException($"Unknown converter '{name}' in URL rule '{Text}'." + (suggestion is null ? "" : $" Did you mean '{suggestion}'?") + $" Known converters: {string.Join(", ", factories.Keys.Where(key => key != "default").Order(StringComparer.Ordinal))}.");
                }

                var arguments = ConverterArguments.Parse(Text, name, match.Groups["arguments"].Success ? match.Groups["arguments"].Value : null);
                var converter = factory(arguments);
                lastConverter = converter;
                Converters.Add(new(variable, converter));
                if (!converter.PartIsolating)
                {
                    final = true;
                }

                content.Append("(?<").Append(GroupPrefix).Append(converterNumber).Append('>').Append(converter.Regex).Append(')');
                converterNumber++;
                argumentWeights.Add(converter.Weight);
                _trace.Add((true, variable));
            }

            if (match.Groups["slash"].Success)
            {
                _trace.Add((false, "/"));
                if (final)
                {
                    content.Append('/');
                }
                else
                {
                    if (!isStatic)
                    {
                        content.Append(@"\z");
                    }

                    var single = !isStatic && !hadStatic && argumentWeights.Count == 1 ? lastConverter : null;
                    result.Add(new RulePart(content.ToString(), final, isStatic, suffixed: false, Weigh(staticWeights, argumentWeights), single));
                    content.Clear();
                    hadStatic = false;
                    isStatic = true;
                    argumentWeights = [];
                    staticWeights = [];
                    final = false;
                    converterNumber = 0;
                }
            }

            position = match.Index + match.Length;
        }

        var suffixed = false;
        var last = content.ToString();
        if (final && last.EndsWith('/'))
        {
            // A slash-matching converter followed by a slash: match with or without the slash so the
            // matcher can redirect to it.
            suffixed = true;
            last = last[..^1] + "(?<!/)(?<" + SuffixGroup + ">/?)";
        }

        if (!isStatic)
        {
            last += @"\z";
        }

        var weight = Weigh(staticWeights, argumentWeights);
        var singleLast = !isStatic && !final && !hadStatic && argumentWeights.Count == 1 ? lastConverter : null;
        result.Add(new RulePart(last, final, isStatic, suffixed, weight, singleLast));
        if (suffixed)
        {
            result.Add(new RulePart("", final: false, isStatic: true, suffixed: false, weight));
        }

        return result;
    }

    private static Weighting Weigh(List<(int, int)> staticWeights, List<int> argumentWeights) =>
        new(-staticWeights.Count, staticWeights.ToArray(), -argumentWeights.Count, argumentWeights.ToArray());

    /// <summary>Gets the converter of variable <paramref name="name"/>, or <see langword="null"/> when the rule has no such variable.</summary>
    public Converter? ConverterFor(string name)
    {
        foreach (var (variable, converter) in Converters)
        {
            if (variable == name)
            {
                return converter;
            }
        }

        return null;
    }

    public override string ToString() => Text;
}
