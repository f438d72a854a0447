using System.Globalization;
using System.Text;

namespace Micro.Templates.Runtime;

/// <summary>Python's printing and <c>strftime</c> for .NET dates, culture-independent.</summary>
internal static class PyDateTime
{
    public static bool IsDate(object? v) => v is DateTime or DateTimeOffset or DateOnly or TimeOnly;

    /// <summary>Python's <c>str()</c>: <c>2026-11-25 10:00:00</c>, with microseconds and offset when present.</summary>
    public static string Str(object v) => v switch
    {
        DateTime d => d.ToString(d.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
        DateTimeOffset o => Str(o.DateTime) + Offset(o.Offset, ":"),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeOnly t => t.ToString(t.Ticks % TimeSpan.TicksPerSecond == 0 ? "HH:mm:ss" : "HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };

    private static string Offset(TimeSpan offset, string separator) =>
        (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString("hh", CultureInfo.InvariantCulture) + separator + offset.Duration().ToString("mm", CultureInfo.InvariantCulture);

    /// <summary>Formats with C's <c>strftime</c> directives in the C locale, as Python does by default.</summary>
    public static string Strftime(object v, string format)
    {
        var (dt, offset) = v switch
        {
            DateTime d => (d, (TimeSpan?)null),
            DateTimeOffset o => (o.DateTime, o.Offset),
            DateOnly d => (d.ToDateTime(TimeOnly.MinValue), null),
            TimeOnly t => (new DateTime(1900, 1, 1).Add(t.ToTimeSpan()), null),
            _ => throw new JinjaRuntimeException("strftime needs a date"),
        };
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] != '%' || i + 1 >= format.Length)
            {
                sb.Append(format[i]);
                continue;
            }

            var d = format[++i];
            sb.Append(d switch
            {
                'Y' => dt.Year.ToString("0000", c),
                'y' => dt.ToString("yy", c),
                'm' => dt.ToString("MM", c),
                'd' => dt.ToString("dd", c),
                'H' => dt.ToString("HH", c),
                'I' => dt.ToString("hh", c),
                'M' => dt.ToString("mm", c),
                'S' => dt.ToString("ss", c),
                'f' => dt.ToString("ffffff", c),
                'p' => dt.Hour < 12 ? "AM" : "PM",
                'b' => dt.ToString("MMM", c),
                'B' => dt.ToString("MMMM", c),
                'a' => dt.ToString("ddd", c),
                'A' => dt.ToString("dddd", c),
                'j' => dt.DayOfYear.ToString("000", c),
                'w' => ((int)dt.DayOfWeek).ToString(c),
                'e' => dt.Day.ToString(c).PadLeft(2),
                'z' => offset is { } z ? Offset(z, "") : "",
                'Z' => offset is { } zz && zz == TimeSpan.Zero ? "UTC" : "",
                'F' => dt.ToString("yyyy-MM-dd", c),
                'T' => dt.ToString("HH:mm:ss", c),
                '%' => "%",
                _ => "%" + d,
            });
        }

        return sb.ToString();
    }
}
