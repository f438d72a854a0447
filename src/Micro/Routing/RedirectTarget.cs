using System.Text.RegularExpressions;

namespace Micro.Routing;

/// <summary>
/// Werkzeug's <c>redirect_to</c>: a rule whose requests are answered 308 to another URL instead of running a handler.
/// Either a template in rule syntax whose <c>&lt;name&gt;</c> placeholders take the matched variables (each written by
/// its converter's <c>to_url</c>), or a function of the request and the matched values.
/// </summary>
internal sealed partial class RedirectTarget
{
    private RedirectTarget(string? template, Func<Request, IReadOnlyDictionary<string, object?>, string>? callback)
    {
        Template = template;
        Callback = callback;
    }

    /// <summary>Gets the target in rule syntax, e.g. <c>/new/&lt;id&gt;</c>; relative targets resolve against the app's root.</summary>
    public string? Template { get; }

    /// <summary>Gets the function that computes the target.</summary>
    public Func<Request, IReadOnlyDictionary<string, object?>, string>? Callback { get; }

    public static RedirectTarget To(string template) => new(template, null);

    public static RedirectTarget To(Func<Request, IReadOnlyDictionary<string, object?>, string> callback) => new(null, callback);

    /// <summary>Checks at startup that every placeholder names a variable of the rule (Werkzeug fails on the request).</summary>
    public void Check(Rule rule, string template)
    {
        foreach (Match match in Placeholder().Matches(template))
        {
            var name = match.Groups[1].Value;
            if (rule.ConverterFor(name) is null)
            {
                throw new ArgumentException($"Redirect target '{template}' of rule '{rule.Text}' names '<{name}>', which is not a variable of the rule. Placeholders are variable names without converters: '<id>', not '<int:id>'.");
            }
        }
    }

    /// <summary>Writes the target for the matched <paramref name="values"/> (Werkzeug's <c>_simple_rule_re.sub</c>).</summary>
    public string Resolve(Rule rule, IReadOnlyDictionary<string, object?> values, Request request) =>
        Template is { } template
            ? Placeholder().Replace(template, match => rule.ConverterFor(match.Groups[1].Value)!.ToUrl(values[match.Groups[1].Value]))
            : Callback!(request, values);

    // Werkzeug's _simple_rule_re.
    [GeneratedRegex("<([^>]+)>", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
