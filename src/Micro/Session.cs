using System.Collections;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Micro.Sessions;

namespace Micro;

/// <summary>
/// Flask's <c>session</c>: a dictionary of JSON values kept between requests in a cookie that is signed and
/// encrypted with ASP.NET Core Data Protection (or, with <see cref="MicroSessionOptions.ServerSide"/>, in an
/// <c>IDistributedCache</c> behind a signed id). Declare a parameter of this type in a handler, hook or error
/// handler to receive it. It is written back only when modified; flash messages live in it too.
/// </summary>
/// <remarks>
/// Values are stored as JSON and read back as Python's <c>json.loads</c> would: strings, <see cref="long"/>,
/// <see cref="double"/>, <see cref="bool"/>, <see langword="null"/>, lists and dictionaries. Use
/// <see cref="Get{T}"/> for any other type. As in Flask, changing a list or dictionary held in the session does
/// not mark it modified: set <see cref="Modified"/> yourself.
/// </remarks>
/// <example>
/// <code>
/// app.Post("/login", async (Request request, Session session) =&gt;
/// {
///     var form = await request.FormAsync();
///     session["user"] = form["name"];
///     session.Flash("Logged in.");
///     return Redirect("/");
/// });
/// app.Get("/", (Session session) =&gt; $"Hello {session.Get&lt;string&gt;("user") ?? "stranger"}");
/// </code>
/// </example>
public sealed class Session : IReadOnlyDictionary<string, object?>
{
    internal const string PermanentKey = "_permanent";
    internal const string FlashesKey = "_flashes";

    private readonly Dictionary<string, object?> _values;
    private List<(string Category, string Message)>? _requestFlashes;

    internal Session(Dictionary<string, object?> values, bool isNew, string? storeId = null)
    {
        _values = values;
        IsNew = isNew;
        StoreId = storeId;
    }

    /// <summary>Gets whether the request brought no (readable) session: it starts empty.</summary>
    public bool IsNew { get; }

    /// <summary>Gets or sets whether the session changed and must be saved; set it after changing a list or dictionary held in the session.</summary>
    public bool Modified { get; set; }

    /// <summary>Gets whether the session was read or written in this request (the response then varies by <c>Cookie</c>).</summary>
    public bool Accessed { get; private set; }

    /// <summary>
    /// Gets or sets whether the session outlives the browser session: its cookie then expires after
    /// <see cref="MicroSessionOptions.Lifetime"/> (Flask's <c>session.permanent</c>, stored as <c>_permanent</c>).
    /// </summary>
    public bool Permanent
    {
        get => _values.TryGetValue(PermanentKey, out var value) && value is true;
        set
        {
            if (value)
            {
                this[PermanentKey] = true;
            }
            else
            {
                Remove(PermanentKey);
            }
        }
    }

    /// <summary>Gets the number of keys, <c>_permanent</c> and <c>_flashes</c> included (as in Flask).</summary>
    public int Count
    {
        get
        {
            Accessed = true;
            return _values.Count;
        }
    }

    /// <summary>Gets the keys.</summary>
    public IReadOnlyCollection<string> Keys
    {
        get
        {
            Accessed = true;
            return _values.Keys;
        }
    }

    /// <summary>Gets the server-side id when sessions are stored in a cache.</summary>
    internal string? StoreId { get; set; }

    /// <summary>Gets the server-side id the session had before <see cref="Clear"/>: removed from the cache when it is saved.</summary>
    internal string? RetiredStoreId { get; private set; }

    internal IReadOnlyDictionary<string, object?> Values => _values;

    /// <summary>Gets or sets a value. Reading a missing key gives <see langword="null"/> (Flask's <c>session.get</c>); a form field (<c>StringValues</c>) is stored as a string.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The value as JSON gives it back: string, <see cref="long"/>, <see cref="double"/>, <see cref="bool"/>, list, dictionary or <see langword="null"/>.</returns>
    public object? this[string key]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(key);
            Accessed = true;
            return _values.GetValueOrDefault(key);
        }

        set
        {
            ArgumentNullException.ThrowIfNull(key);
            _values[key] = SessionValues.Normalize(value);
            Accessed = true;
            Modified = true;
        }
    }

    /// <summary>Reads a value as <typeparamref name="T"/>, e.g. <c>session.Get&lt;int&gt;("count")</c> or a record stored earlier.</summary>
    /// <typeparam name="T">The type to read.</typeparam>
    /// <param name="key">The key.</param>
    /// <param name="defaultValue">What to return when the key is missing or <see langword="null"/>.</param>
    /// <returns>The value.</returns>
    /// <exception cref="InvalidOperationException">The stored value cannot be read as <typeparamref name="T"/>.</exception>
    public T? Get<T>(string key, T? defaultValue = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        Accessed = true;
        if (!_values.TryGetValue(key, out var value) || value is null)
        {
            return defaultValue;
        }

        try
        {
            return SessionValues.Convert<T>(value);
        }
        catch (Exception error) when (error is JsonException or NotSupportedException or InvalidOperationException)
        {
            throw new InvalidOperationException($"Session value '{key}' cannot be read as {typeof(T).Name}: {error.Message}", error);
        }
    }

    /// <summary>Gets whether <paramref name="key"/> is in the session.</summary>
    /// <param name="key">The key.</param>
    /// <returns><see langword="true"/> when present.</returns>
    public bool ContainsKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        Accessed = true;
        return _values.ContainsKey(key);
    }

    /// <summary>Removes a key (Flask's <c>session.pop(key, None)</c>).</summary>
    /// <param name="key">The key.</param>
    /// <returns><see langword="true"/> when it was present.</returns>
    public bool Remove(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        Accessed = true;
        if (!_values.Remove(key))
        {
            return false;
        }

        Modified = true;
        return true;
    }

    /// <summary>
    /// Empties the session; its cookie is deleted (do this at logout, and before storing a new login). CSRF tokens
    /// issued before are refused from now on, and a server-side session gets a new id when it is saved again.
    /// </summary>
    public void Clear()
    {
        Accessed = true;
        if (StoreId is { } id)
        {
            // Session fixation: an id known before the login (a cookie planted in the browser) must not name the
            // logged-in session, so what is stored after Clear() gets a fresh id.
            RetiredStoreId ??= id;
            StoreId = null;
            Modified = true;
        }

        if (_values.Count > 0)
        {
            _values.Clear();
            Modified = true;
        }
    }

    /// <summary>Flashes a message to the next request that reads them (Flask's <c>flash</c>).</summary>
    /// <param name="message">The message.</param>
    /// <param name="category">A category such as <c>error</c> or <c>info</c>.</param>
    public void Flash(string message, string category = "message")
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(category);
        var flashes = _values.GetValueOrDefault(FlashesKey) as List<object?> ?? [];
        flashes.Add(new List<object?> { category, message });
        this[FlashesKey] = flashes;
    }

    /// <summary>
    /// Takes the flashed messages out of the session (Flask's <c>get_flashed_messages()</c>). Within one request
    /// every call returns the same messages; the next request sees none of them.
    /// </summary>
    /// <param name="categoryFilter">Only messages of these categories; all when <see langword="null"/> or empty.</param>
    /// <returns>The messages, oldest first.</returns>
    public IReadOnlyList<string> GetFlashedMessages(IEnumerable<string>? categoryFilter = null) =>
        GetFlashedMessagesWithCategories(categoryFilter).Select(flash => flash.Message).ToList();

    /// <summary>Takes the flashed messages with their categories (Flask's <c>get_flashed_messages(with_categories=True)</c>).</summary>
    /// <param name="categoryFilter">Only messages of these categories; all when <see langword="null"/> or empty.</param>
    /// <returns>The (category, message) pairs, oldest first.</returns>
    public IReadOnlyList<(string Category, string Message)> GetFlashedMessagesWithCategories(IEnumerable<string>? categoryFilter = null)
    {
        if (_requestFlashes is null)
        {
            _requestFlashes = [];
            if (ContainsKey(FlashesKey))
            {
                var stored = _values[FlashesKey];
                Remove(FlashesKey);
                foreach (var item in stored as List<object?> ?? [])
                {
                    // Skip anything that is not a [category, message] pair rather than fail the page.
                    if (item is List<object?> { Count: 2 } pair && pair[0] is string category && pair[1] is string message)
                    {
                        _requestFlashes.Add((category, message));
                    }
                }
            }
        }

        var filter = categoryFilter?.ToHashSet(StringComparer.Ordinal);
        return filter is null || filter.Count == 0 ? _requestFlashes.ToList() : _requestFlashes.Where(flash => filter.Contains(flash.Category)).ToList();
    }

    /// <summary>Enumerates the keys and values.</summary>
    /// <returns>The enumerator.</returns>
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        Accessed = true;
        return _values.GetEnumerator();
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    IEnumerable<string> IReadOnlyDictionary<string, object?>.Keys => Keys;

    IEnumerable<object?> IReadOnlyDictionary<string, object?>.Values
    {
        get
        {
            Accessed = true;
            return _values.Values;
        }
    }

    /// <summary>Gets a value if the key is present.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value, or <see langword="null"/>.</param>
    /// <returns>Whether the key is present.</returns>
    public bool TryGetValue(string key, out object? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        Accessed = true;
        return _values.TryGetValue(key, out value);
    }

    /// <summary>Binds the current request's session to a handler parameter, loading it on first use; used by ASP.NET Core parameter binding.</summary>
    /// <param name="context">The current request.</param>
    /// <param name="parameter">The parameter being bound.</param>
    /// <returns>The session.</returns>
    public static async ValueTask<Session?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        ArgumentNullException.ThrowIfNull(context);
        return await SessionInterface.GetAsync(context).ConfigureAwait(false);
    }

    internal static Session Empty() => new(new Dictionary<string, object?>(StringComparer.Ordinal), isNew: true);
}
