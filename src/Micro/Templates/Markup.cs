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

    internal static string EscapeText(string s)
    {
        var first = s.AsSpan().IndexOfAny("&<>\"'");
        if (first < 0)
        {
            return s;
        }

        var sb = new StringBuilder(s.Length + 16);
        sb.Append(s, 0, first);
        for (var i = first; i < s.Length; i++)
        {
            switch (s[i])
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&#34;"); break;
                case '\'': sb.Append("&#39;"); break;
                default: sb.Append(s[i]); break;
            }
        }

        return sb.ToString();
    }
}
