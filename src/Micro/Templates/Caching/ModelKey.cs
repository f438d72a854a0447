using System.Collections;
using System.Globalization;
using System.Text;
using Micro.Templates.Runtime;

namespace Micro.Templates.Caching;

/// <summary>
/// Builds an exact, canonical text key from a render's arguments, or gives up (null) when they are not
/// plain data: a delegate, a stream, a lazy sequence, a cycle, or a key longer than the limit. Equal keys
/// mean equal values as far as a template can read them, so a cached output is never served for
/// different data (the key is compared in full, never by hash alone).
/// </summary>
internal static class ModelKey
{
    [ThreadStatic]
    private static StringBuilder? t_builder;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, string> s_typeIds = new();

    public static string? Build(object? model, int maxLength)
    {
        var sb = t_builder ??= new StringBuilder(256);
        sb.Clear();
        var key = Append(sb, model, 0, maxLength) ? sb.ToString() : null;
        if (sb.Capacity > 64 * 1024)
        {
            t_builder = null;
        }

        return key;
    }

    // A short id per type keeps keys small; member names are implied by the type (fixed order).
    private static long s_nextTypeId;

    private static string TypeId(Type type) =>
        s_typeIds.GetOrAdd(type, static _ => "#" + Interlocked.Increment(ref s_nextTypeId).ToString(CultureInfo.InvariantCulture) + ":");

    private static bool Append(StringBuilder sb, object? v, int depth, int max)
    {
        if (depth > 16 || sb.Length > max)
        {
            return false;
        }

        switch (v)
        {
            case null:
                sb.Append('N');
                return true;
            case string s:
                sb.Append('s').Append(s.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(s);
                return sb.Length <= max;
            case Markup m:
                sb.Append('m').Append(m.Value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(m.Value);
                return sb.Length <= max;
            case bool b:
                sb.Append(b ? 'T' : 'F');
                return true;
            case Enum e:
                sb.Append('e').Append(e.GetType().FullName).Append('.').Append(e.ToString()).Append(';');
                return true;
            case DateTime dt:
                sb.Append('t').Append(dt.ToString("O", CultureInfo.InvariantCulture)).Append(';');
                return true;
            case DateTimeOffset dto:
                sb.Append('o').Append(dto.ToString("O", CultureInfo.InvariantCulture)).Append(';');
                return true;
            case Guid g:
                sb.Append('g').Append(g.ToString()).Append(';');
                return true;
            case Delegate or Stream or Type:
                return false;
        }

        if (v is int i)
        {
            sb.Append('i').Append(i).Append(';');
            return true;
        }

        if (v is long l)
        {
            sb.Append('l').Append(l).Append(';');
            return true;
        }

        if (PyOps.IsNumber(v) || v is char)
        {
            sb.Append('n').Append(v.GetType().Name).Append(':').Append(Convert.ToString(v, CultureInfo.InvariantCulture)).Append(';');
            return true;
        }

        if (PyAccess.AsMapping(v) is { } map)
        {
            sb.Append('{');
            foreach (var (k, val) in map)
            {
                if (!Append(sb, k, depth + 1, max) || !Append(sb, val, depth + 1, max))
                {
                    return false;
                }
            }

            sb.Append('}');
            return true;
        }

        if (v is IEnumerable e2)
        {
            // Only materialised collections: a lazy query could yield different items next time.
            if (v is not (ICollection or IReadOnlyCollection<object?>) && !v.GetType().IsArray)
            {
                return false;
            }

            sb.Append('[');
            foreach (var item in e2)
            {
                if (!Append(sb, item, depth + 1, max))
                {
                    return false;
                }
            }

            sb.Append(']');
            return true;
        }

        var type = v.GetType();
        if (type.IsPointer || typeof(IDisposable).IsAssignableFrom(type))
        {
            return false;
        }

        var members = MemberAccess.Members(type);
        if (members.Count == 0)
        {
            return false;
        }

        sb.Append('(').Append(TypeId(type));
        foreach (var (_, getter) in members)
        {
            if (!Append(sb, getter(v), depth + 1, max))
            {
                return false;
            }
        }

        sb.Append(')');
        return true;
    }
}
