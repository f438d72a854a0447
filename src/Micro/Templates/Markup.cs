using System.Buffers;
using System.Text;

namespace Micro.Templates;

/// <summary>
/// A string that is safe to insert into HTML as is, like MarkupSafe's <c>Markup</c>: autoescaping
/// leaves it alone. <c>|safe</c>, <c>|e</c>, macros, <c>caller()</c>, <c>super()</c> and captured blocks
/// produce it; return one from a filter or global to insert HTML.
/// </summary>
/// <example><c>engine.AddGlobal("icon", new Markup("&lt;svg&gt;...&lt;/svg&gt;"));</c></example>
public sealed class Markup : IEquatable<Markup>
{
    /// <summary>Wraps <paramref name="html"/>, which the caller vouches for, without escaping it.</summary>
    public Markup(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        Value = html;
    }

    /// <summary>The HTML text.</summary>
    public string Value { get; }

    /// <summary>Returns the HTML text.</summary>
    public override string ToString() => Value;

    /// <summary>Compares the HTML text ordinally.</summary>
    public bool Equals(Markup? other) => other is not null && other.Value == Value;

    /// <summary>Compares the HTML text ordinally.</summary>
    public override bool Equals(object? obj) => obj is Markup m && Equals(m);

    /// <summary>Hashes the HTML text.</summary>
    public override int GetHashCode() => Value.GetHashCode(StringComparison.Ordinal);

    /// <summary>
    /// Escapes <paramref name="text"/> exactly as MarkupSafe does: <c>&amp;</c> <c>&lt;</c> <c>&gt;</c>
    /// <c>&amp;#34;</c> <c>&amp;#39;</c>.
    /// </summary>
    public static Markup Escape(string text) => new(EscapeText(text));

    internal static string EscapeText(string s) => Escaper.Html(s);
}
