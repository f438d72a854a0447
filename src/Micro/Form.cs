using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Micro.Forms;

namespace Micro;

/// <summary>
/// A submitted form as Flask's <c>request.form</c> shows it: <c>form["name"]</c> is the field's (first) value and a
/// missing field is a 400 Bad Request, as Werkzeug's <c>BadRequestKeyError</c>; <see cref="Get(string, string?)"/> and
/// <see cref="Get{T}(string, T)"/> are <c>form.get(name, default, type=...)</c>. It is also the platform's
/// <see cref="IFormCollection"/>, so everything written against that keeps working.
/// </summary>
/// <example>
/// <code>
/// app.Post("/posts", (Request request) =&gt;
/// {
///     var title = request.Form["title"];              // missing: 400
///     var page = request.Form.Get("page", 1);          // like type=int: "2" is 2, "x" is 1
///     ...
/// });
/// </code>
/// </example>
public sealed class Form : IFormCollection
{
    private readonly IFormCollection _fields;

    internal Form(IFormCollection fields) => _fields = fields;

    internal static Form Empty { get; } = new(FormCollection.Empty);

    /// <summary>Gets the field's first value, like Flask's <c>request.form[name]</c>.</summary>
    /// <param name="name">The field name.</param>
    /// <returns>The value.</returns>
    /// <exception cref="HttpException">400 Bad Request (Werkzeug's page) when the form has no such field.</exception>
    public string this[string name] => _fields.TryGetValue(name, out var values) && values.Count > 0
        ? values[0] ?? ""
        : throw MissingField(name);

    /// <inheritdoc/>
    StringValues IFormCollection.this[string key] => _fields[key];

    /// <summary>Gets the field's first value, or <paramref name="defaultValue"/> when it is missing (Flask's <c>form.get</c>).</summary>
    /// <param name="name">The field name.</param>
    /// <param name="defaultValue">What a missing field gives.</param>
    /// <returns>The value or the default.</returns>
    [return: NotNullIfNotNull(nameof(defaultValue))]
    public string? Get(string name, string? defaultValue = null) =>
        _fields.TryGetValue(name, out var values) && values.Count > 0 ? values[0] ?? "" : defaultValue;

    /// <summary>
    /// Gets the field converted as Flask's <c>form.get(name, default, type=int)</c> does: by Python's <c>int()</c> for
    /// integer types (whitespace, a sign, <c>1_000</c>) and <c>float()</c> for <see cref="double"/>/<see cref="float"/>
    /// (also <c>inf</c>, <c>nan</c>, <c>1e3</c>); a missing field, a value that does not convert or does not fit
    /// <typeparamref name="T"/> gives <paramref name="defaultValue"/>. For other types pass a converter
    /// (<see cref="Get{T}(string, T, Func{string, T})"/>).
    /// </summary>
    /// <typeparam name="T">string, an integer type, <see cref="double"/> or <see cref="float"/>.</typeparam>
    /// <param name="name">The field name.</param>
    /// <param name="defaultValue">What a missing or unconvertible field gives.</param>
    /// <returns>The converted value or the default.</returns>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not one of those types.</exception>
    public T Get<T>(string name, T defaultValue)
    {
        if (Get(name) is not { } text)
        {
            return defaultValue;
        }

        return Convert(text, defaultValue);
    }

    /// <summary>
    /// Gets the field converted by <paramref name="type"/>, like Flask's <c>form.get(name, default, type=f)</c>: a missing
    /// field, or a converter that throws <see cref="FormatException"/>, <see cref="OverflowException"/>,
    /// <see cref="ArgumentException"/> or <see cref="InvalidOperationException"/> (Python's <c>ValueError</c>), gives
    /// <paramref name="defaultValue"/>.
    /// </summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="name">The field name.</param>
    /// <param name="defaultValue">What a missing or unconvertible field gives.</param>
    /// <param name="type">The converter, e.g. <c>Guid.Parse</c> or <c>s =&gt; DateOnly.Parse(s, CultureInfo.InvariantCulture)</c>.</param>
    /// <returns>The converted value or the default.</returns>
    public T Get<T>(string name, T defaultValue, Func<string, T> type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (Get(name) is not { } text)
        {
            return defaultValue;
        }

        try
        {
            return type(text);
        }
        catch (Exception error) when (error is FormatException or OverflowException or ArgumentException or InvalidOperationException)
        {
            return defaultValue;
        }
    }

    /// <summary>Gets every value of the field, in order (Flask's <c>form.getlist</c>); empty when it is missing.</summary>
    /// <param name="name">The field name.</param>
    /// <returns>The values.</returns>
    public IReadOnlyList<string> GetList(string name) =>
        _fields.TryGetValue(name, out var values) ? values.Select(value => value ?? "").ToArray() : [];

    /// <summary>Gets the number of fields.</summary>
    public int Count => _fields.Count;

    /// <summary>Gets the field names.</summary>
    public ICollection<string> Keys => _fields.Keys;

    /// <summary>Gets the uploaded files of a multipart form.</summary>
    public IFormFileCollection Files => _fields.Files;

    /// <summary>Gets whether the form has the field.</summary>
    /// <param name="key">The field name.</param>
    /// <returns><see langword="true"/> when it has.</returns>
    public bool ContainsKey(string key) => _fields.ContainsKey(key);

    /// <summary>Gets the field's values.</summary>
    /// <param name="key">The field name.</param>
    /// <param name="value">The values.</param>
    /// <returns><see langword="true"/> when the form has the field.</returns>
    public bool TryGetValue(string key, out StringValues value) => _fields.TryGetValue(key, out value);

    /// <summary>Enumerates the fields.</summary>
    /// <returns>The enumerator.</returns>
    public IEnumerator<KeyValuePair<string, StringValues>> GetEnumerator() => _fields.GetEnumerator();

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Binds the request's form to a handler parameter (reading it if needed); used by ASP.NET Core parameter binding.</summary>
    /// <param name="context">The current request.</param>
    /// <param name="parameter">The parameter being bound.</param>
    /// <returns>The form (empty when the body is not a form).</returns>
    public static async ValueTask<Form?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        ArgumentNullException.ThrowIfNull(context);
        return await Request.For(context).FormAsync().ConfigureAwait(false);
    }

    private static HttpException MissingField(string name) =>
        // Werkzeug's BadRequestKeyError: the generic Bad Request page; the field's name is in the cause, for logs and handlers.
        new(400, Hosting.ErrorPage.Describe(400), new KeyNotFoundException($"The form has no field '{name}'."));

    private static T Convert<T>(string text, T defaultValue)
    {
        if (typeof(T) == typeof(string))
        {
            return (T)(object)text;
        }

        if (typeof(T) == typeof(double) || typeof(T) == typeof(float))
        {
            if (!PythonNumber.TryParseFloat(text, out var number))
            {
                return defaultValue;
            }

            return typeof(T) == typeof(double) ? (T)(object)number : (T)(object)(float)number;
        }

        if (IsInteger(typeof(T)))
        {
            if (!PythonNumber.TryParseInt(text, out var integer))
            {
                return defaultValue;
            }

            try
            {
                // BigInteger's explicit conversions throw OverflowException for a value T cannot hold; each arm is boxed
                // as its own type (a switch's common type would be BigInteger).
                var converted = typeof(T) switch
                {
                    var t when t == typeof(int) => (object)(int)integer,
                    var t when t == typeof(long) => (object)(long)integer,
                    var t when t == typeof(short) => (object)(short)integer,
                    var t when t == typeof(sbyte) => (object)(sbyte)integer,
                    var t when t == typeof(uint) => (object)(uint)integer,
                    var t when t == typeof(ulong) => (object)(ulong)integer,
                    var t when t == typeof(ushort) => (object)(ushort)integer,
                    var t when t == typeof(byte) => (object)(byte)integer,
                    _ => (object)integer,
                };
                return (T)converted;
            }
            catch (OverflowException)
            {
                return defaultValue;
            }
        }

        throw new NotSupportedException($"Form.Get<{typeof(T).Name}> converts strings, integers and floating-point numbers as Flask's type=int/float; for {typeof(T).Name} pass a converter: form.Get(name, defaultValue, s => ...).");
    }

    private static bool IsInteger(Type type) =>
        type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(sbyte)
        || type == typeof(uint) || type == typeof(ulong) || type == typeof(ushort) || type == typeof(byte) || type == typeof(BigInteger);
}
