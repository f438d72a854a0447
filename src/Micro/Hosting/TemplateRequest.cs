using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Primitives;

namespace Micro.Hosting;

/// <summary>
/// The <c>request</c> templates see, shaped like Flask's: <c>request.args</c>, <c>request.form</c>,
/// <c>request.cookies</c> and <c>request.headers</c> are mappings (<c>args['q']</c>, <c>args.get('q')</c>) giving
/// the first value of a key, as Werkzeug's <c>MultiDict</c> does.
/// </summary>
internal sealed class TemplateRequest(Request request)
{
    public IReadOnlyDictionary<string, object?> Args { get; } = new FirstValues(request.Args, key => request.Args.TryGetValue(key, out var v) ? v : StringValues.Empty);

    public IReadOnlyDictionary<string, object?> Form { get; } = request.FormIfRead is { } form
        ? new FirstValues(form, key => form.TryGetValue(key, out var v) ? v : StringValues.Empty)
        : new FirstValues([], _ => StringValues.Empty);

    public IReadOnlyDictionary<string, object?> Cookies { get; } = new FirstValues(
        request.Cookies.Select(pair => new KeyValuePair<string, StringValues>(pair.Key, pair.Value)),
        key => request.Cookies.TryGetValue(key, out var v) ? new StringValues(v) : StringValues.Empty);

    public IReadOnlyDictionary<string, object?> Headers { get; } = new FirstValues(request.Headers, key => request.Headers.TryGetValue(key, out var v) ? v : StringValues.Empty);

    public string Method => request.Method;

    public string Path => request.Path;

    public string FullPath => request.FullPath;

    public string Url => request.Url;

    public string? Endpoint => request.Endpoint;

    public string? Blueprint => request.Blueprint;

    public string? UrlRule => request.UrlRule;

    public IReadOnlyDictionary<string, object?> ViewArgs => request.ViewArgs;

    public override string ToString() => $"<Request '{request.Url}' [{request.Method}]>";

    private sealed class FirstValues(IEnumerable<KeyValuePair<string, StringValues>> all, Func<string, StringValues> lookup) : IReadOnlyDictionary<string, object?>
    {
        public object? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

        public IEnumerable<string> Keys => all.Select(pair => pair.Key);

        public IEnumerable<object?> Values => all.Select(pair => (object?)pair.Value.FirstOrDefault());

        public int Count => all.Count();

        public bool ContainsKey(string key) => lookup(key).Count > 0;

        public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value)
        {
            var values = lookup(key);
            value = values.Count > 0 ? values[0] : null;
            return values.Count > 0;
        }

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() =>
            all.Select(pair => new KeyValuePair<string, object?>(pair.Key, pair.Value.FirstOrDefault())).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
