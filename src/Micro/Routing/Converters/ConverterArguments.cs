using System.Globalization;
using System.Text.RegularExpressions;

namespace Micro.Routing.Converters;

/// <summary>
/// The arguments written in a rule, <c>&lt;int(min=1, max=9):n&gt;</c>, parsed with Werkzeug's own
/// grammar: numbers, <c>True</c>/<c>False</c>/<c>None</c>, quoted strings and bare words.
/// </summary>
public sealed partial class ConverterArguments
{
    private readonly string _rule;
    private readonly string _converter;

    private ConverterArguments(string rule, string converter, IReadOnlyList<object?> positional, IReadOnlyDictionary<string, object?> named)
    {
        _rule = rule;
        _converter = converter;
        Positional = positional;
        Named = named;
    }

    /// <summary>Gets the positional arguments: <see cref="long"/>, <see cref="double"/>, <see cref="bool"/>, <see cref="string"/> or <see langword="null"/>.</summary>
    public IReadOnlyList<object?> Positional { get; }

    /// <summary>Gets the keyword arguments by name.</summary>
    public IReadOnlyDictionary<string, object?> Named { get; }

    // Werkzeug's _converter_args_re, with .NET group syntax.
    [GeneratedRegex("""
        \G\s*((?<name>\w+)\s*=\s*)?(?<value>True|False|\d+.\d+|\d+.|\d+|[\w\d_.]+|[urUR]?(?<stringval>"[^"]*?"|'[^']*'))\s*,
        """, RegexOptions.CultureInvariant)]
    private static partial Regex ArgumentRegex();

    internal static ConverterArguments Parse(string rule, string converter, string? text)
    {
        var positional = new List<object?>();
        var named = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(text))
        {
            var source = text + ",";
            var position = 0;
            while (position < source.Length)
            {
                var match = ArgumentRegex().Match(source, position);
                if (!match.Success)
                {
                    throw new ArgumentException($"Cannot parse converter argument '{source[position..^1].Trim()}' in rule '{rule}'.", nameof(rule));
                }

                var raw = match.Groups["stringval"].Success ? match.Groups["stringval"].Value : match.Groups["value"].Value;
                var value = Pythonize(raw);
                if (match.Groups["name"].Success)
                {
                    named[match.Groups["name"].Value] = value;
                }
                else
                {
                    positional.Add(value);
                }

                position = match.Index + match.Length;
            }
        }

        return new ConverterArguments(rule, converter, positional, named);
    }

    private static object? Pythonize(string value)
    {
        switch (value)
        {
            case "None": return null;
            case "True": return true;
            case "False": return false;
        }

        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return integer;
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        if (value.Length >= 2 && value[0] == value[^1] && value[0] is '"' or '\'')
        {
            return value[1..^1];
        }

        return value;
    }

    /// <summary>Creates the exception to throw for arguments this converter cannot take.</summary>
    /// <param name="message">What is wrong.</param>
    /// <returns>An exception quoting the rule.</returns>
    public ArgumentException Error(string message) =>
        new($"Bad arguments for converter '{_converter}' in rule '{_rule}': {message}.");

    /// <summary>Refuses keyword arguments outside <paramref name="names"/> and more positional arguments than names.</summary>
    /// <param name="names">The parameter names the converter takes, in positional order.</param>
    public void Allow(params string[] names)
    {
        foreach (var key in Named.Keys)
        {
            if (Array.IndexOf(names, key) < 0)
            {
                throw Error(names.Length == 0 ? $"it takes no arguments, got '{key}='" : $"unexpected argument '{key}='; it takes {string.Join(", ", names)}");
            }
        }

        if (Positional.Count > names.Length)
        {
            throw Error($"it takes at most {names.Length} positional argument(s), got {Positional.Count}");
        }
    }

    /// <summary>Gets an argument given by position or name, or <see langword="null"/> when absent.</summary>
    /// <param name="position">Its position.</param>
    /// <param name="name">Its name.</param>
    /// <returns>The value.</returns>
    public object? Get(int position, string name)
    {
        if (Named.TryGetValue(name, out var value))
        {
            if (position < Positional.Count)
            {
                throw Error($"got multiple values for '{name}'");
            }

            return value;
        }

        return position < Positional.Count ? Positional[position] : null;
    }

    /// <summary>Gets an integer argument.</summary>
    /// <param name="position">Its position.</param>
    /// <param name="name">Its name.</param>
    /// <returns>The value, or <see langword="null"/> when absent.</returns>
    public int? GetInt(int position, string name) => Get(position, name) switch
    {
        null => null,
        long value and >= int.MinValue and <= int.MaxValue => (int)value,
        bool flag => flag ? 1 : 0,
        var other => throw Error($"'{name}' must be an integer, got {Describe(other)}"),
    };

    /// <summary>Gets a numeric argument.</summary>
    /// <param name="position">Its position.</param>
    /// <param name="name">Its name.</param>
    /// <returns>The value, or <see langword="null"/> when absent.</returns>
    public double? GetDouble(int position, string name) => Get(position, name) switch
    {
        null => null,
        long value => value,
        double value => value,
        var other => throw Error($"'{name}' must be a number, got {Describe(other)}"),
    };

    /// <summary>Gets a boolean argument (Python truthiness for numbers).</summary>
    /// <param name="position">Its position.</param>
    /// <param name="name">Its name.</param>
    /// <returns>The value, or <see langword="null"/> when absent.</returns>
    public bool? GetBool(int position, string name) => Get(position, name) switch
    {
        null => null,
        bool flag => flag,
        long value => value != 0,
        var other => throw Error($"'{name}' must be True or False, got {Describe(other)}"),
    };

    private static string Describe(object value) => value is string text ? $"'{text}'" : Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
}
