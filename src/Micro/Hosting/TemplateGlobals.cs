using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Micro.Templates;

namespace Micro.Hosting;

/// <summary>Flask's template context: <c>request</c>, <c>session</c>, <c>g</c>, <c>config</c>, <c>url_for</c>, <c>get_flashed_messages</c>, <c>csrf_token</c>.</summary>
internal static class TemplateGlobals
{
    /// <summary>Gets the names of the per-request values.</summary>
    public static IReadOnlySet<string> Names { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "request", "session", "g", "config", "url_for", "get_flashed_messages", "csrf_token",
    };

    public static async ValueTask<IReadOnlyDictionary<string, object?>> ForAsync(HttpContext context, MicroApp app)
    {
        var request = Request.For(context);
        var session = await Sessions.SessionInterface.GetAsync(context).ConfigureAwait(false);
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["request"] = new TemplateRequest(request),
            ["session"] = session,
            ["g"] = request.G,
            ["config"] = new ConfigurationView(app.Configuration),
            ["url_for"] = new TemplateFunction((args, kwargs) =>
            {
                if (args.Count != 1 || args[0] is not string endpoint)
                {
                    throw new ArgumentException("url_for takes the endpoint name as its only positional argument, e.g. url_for('user', id=3).");
                }

                return request.UrlFor(endpoint, kwargs);
            }),
            ["get_flashed_messages"] = new TemplateFunction((args, kwargs) =>
            {
                var withCategories = Argument(args, kwargs, 0, "with_categories") is true;
                var filter = Argument(args, kwargs, 1, "category_filter") switch
                {
                    null => null,
                    string one => new[] { one },
                    IEnumerable many => many.Cast<object?>().Select(item => item?.ToString() ?? "").ToArray(),
                    var other => [other.ToString() ?? ""],
                };
                return withCategories
                    ? session.GetFlashedMessagesWithCategories(filter).Select(pair => (object?)new object?[] { pair.Category, pair.Message }).ToList()
                    : session.GetFlashedMessages(filter).Cast<object?>().ToList();
            }),
            ["csrf_token"] = new TemplateFunction((_, _) => Security.CsrfProtection.Token(context)),
        };
    }

    /// <summary>The globals outside a request (the <c>render</c> command): <c>url_for</c> and <c>config</c>.</summary>
    public static IReadOnlyDictionary<string, object?> ForCommand(MicroApp app) => new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        ["config"] = new ConfigurationView(app.Configuration),
        ["url_for"] = new TemplateFunction((args, kwargs) =>
            args.Count == 1 && args[0] is string endpoint ? app.UrlFor(endpoint, kwargs) : throw new ArgumentException("url_for takes the endpoint name as its only positional argument.")),

        // No request: what a fresh visitor's request has (no flashes, an empty session and g), so a page built on a
        // Flask layout renders; the --data file can supply any of them. request and csrf_token stay undefined.
        ["g"] = new Dictionary<string, object?>(StringComparer.Ordinal),
        ["session"] = new Dictionary<string, object?>(StringComparer.Ordinal),
        ["get_flashed_messages"] = new TemplateFunction((_, _) => new List<object?>()),
    };

    private static object? Argument(IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs, int position, string name) =>
        kwargs.TryGetValue(name, out var value) ? value : position < args.Count ? args[position] : null;

    /// <summary>Configuration as Flask's <c>config</c> dictionary: <c>config['Database']</c>, <c>config['Session:Lifetime']</c>.</summary>
    private sealed class ConfigurationView(IConfiguration configuration) : IReadOnlyDictionary<string, object?>
    {
        public object? this[string key] => configuration[key];

        public IEnumerable<string> Keys => configuration.AsEnumerable().Select(pair => pair.Key);

        public IEnumerable<object?> Values => configuration.AsEnumerable().Select(pair => (object?)pair.Value);

        public int Count => configuration.AsEnumerable().Count();

        public bool ContainsKey(string key) => configuration[key] is not null;

        public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value)
        {
            value = configuration[key];
            return value is not null;
        }

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() =>
            configuration.AsEnumerable().Select(pair => new KeyValuePair<string, object?>(pair.Key, pair.Value)).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
