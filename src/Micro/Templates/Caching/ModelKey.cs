using System.Collections;
using System.Numerics;
using Micro.Templates.Runtime;

namespace Micro.Templates.Caching;

/// <summary>
/// Reads a render's arguments into an exact key, or gives up (null) when they are not plain data: a delegate, a
/// stream, a lazy sequence, a cycle, or more than the size limit. The key is the flat sequence of the model's
/// values (strings, numbers, ...) and structure markers (list, mapping, object of a type) in a fixed order; two
/// keys are equal only when every value is equal and of the same type, compared in full (the hash only picks
/// the candidates), so a cached output is never served for data a template could tell apart.
/// </summary>
/// <remarks>
/// The model is read once per render into a buffer kept per thread; a lookup builds no key object. Only a miss
/// copies the buffer into a key of its own, before the render runs (a render may render again on this thread).
/// </remarks>
internal static class ModelKey
{
    private static readonly object ListStart = new Marker("[");
    private static readonly object ListEnd = new Marker("]");
    private static readonly object MapStart = new Marker("{");
    private static readonly object MapEnd = new Marker("}");
    private static readonly object ObjectEnd = new Marker(")");

    [ThreadStatic]
    private static Reader? t_reader;

    /// <summary>
    /// Reads <paramref name="model"/> into this thread's probe key for <paramref name="program"/>, or returns null
    /// when it cannot be a key. The probe is valid until the next call on this thread; <see cref="OutputKey.Freeze"/> keeps it.
    /// </summary>
    public static OutputKey? Probe(long program, object? model, int maxLength) => AvailableReader().Read(program, model, maxLength);

    /// <summary>Forgets the model values the thread's probe holds, so the buffer does not keep them alive.</summary>
    public static void Release()
    {
        if (t_reader is { Busy: false } reader)
        {
            reader.Release();
        }
    }

    /// <summary>
    /// Whether <paramref name="model"/> reads as exactly <paramref name="key"/>'s values, compared as they are read:
    /// no buffer, no hash, and it stops at the first difference. For checking a render against the previous one.
    /// </summary>
    public static bool Matches(object? model, OutputKey key, int maxLength) => AvailableReader().Compare(model, key, maxLength);

    // The thread's reader, or a new one when a model's getter renders a template while the thread's reader is
    // reading (a render inside a property getter must not disturb the outer key).
    private static Reader AvailableReader()
    {
        var reader = t_reader ??= new Reader();
        return reader.Busy ? new Reader() : reader;
    }

    /// <summary>Whether two values read from models print and behave the same in a template.</summary>
    internal static bool SameValue(object? a, object? b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a is null || b is null || a.GetType() != b.GetType())
        {
            return false;
        }

        return a switch
        {
            string s => string.Equals(s, (string)b, StringComparison.Ordinal),
            // Equal numbers that print differently are different keys: -0.0 and 0.0, 1.0m and 1.00m.
            double d => BitConverter.DoubleToInt64Bits(d) == BitConverter.DoubleToInt64Bits((double)b),
            float f => BitConverter.SingleToInt32Bits(f) == BitConverter.SingleToInt32Bits((float)b),
            decimal m => m == (decimal)b && m.Scale == ((decimal)b).Scale,
            DateTime t => t.Ticks == ((DateTime)b).Ticks && t.Kind == ((DateTime)b).Kind,
            DateTimeOffset o => o.EqualsExact((DateTimeOffset)b),
            _ => a.Equals(b),
        };
    }

    private enum Kind
    {
        Refuse,
        Mapping,
        List,
        Object,
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, (Kind, IReadOnlyList<KeyValuePair<string, Func<object, object?>>>?)> s_shapes = new();

    // What a value of this (non-leaf) type is to a key; depends on the type alone.
    private static (Kind, IReadOnlyList<KeyValuePair<string, Func<object, object?>>>?) Classify(Type type)
    {
        if (typeof(IDictionary).IsAssignableFrom(type) || typeof(IDictionary<string, object?>).IsAssignableFrom(type)
            || typeof(IReadOnlyDictionary<string, object?>).IsAssignableFrom(type) || type == typeof(Dictionary<object, object?>))
        {
            return (Kind.Mapping, null);
        }

        if (typeof(IEnumerable).IsAssignableFrom(type))
        {
            // Only materialised collections: a lazy query could yield different items next time.
            var materialised = typeof(ICollection).IsAssignableFrom(type) || typeof(IReadOnlyCollection<object?>).IsAssignableFrom(type) || type.IsArray;
            return (materialised ? Kind.List : Kind.Refuse, null);
        }

        if (type.IsPointer || typeof(IDisposable).IsAssignableFrom(type))
        {
            return (Kind.Refuse, null);
        }

        var members = MemberAccess.Members(type);
        return members.Count == 0 ? (Kind.Refuse, null) : (Kind.Object, members);
    }

    private sealed class Marker(string text)
    {
        public override string ToString() => text;
    }

    private sealed class Reader
    {
        private object?[] _tokens = new object?[64];
        private int _count;
        private int _chars;
        private HashCode _hash;
        private readonly OutputKey _probe = new();
        private Type? _lastType;
        private (Kind, IReadOnlyList<KeyValuePair<string, Func<object, object?>>>?) _lastShape;

        public bool Busy { get; private set; }

        public OutputKey? Read(long program, object? model, int maxLength)
        {
            Busy = true;
            try
            {
                return ReadCore(program, model, maxLength);
            }
            finally
            {
                Busy = false;
            }
        }

        private OutputKey? ReadCore(long program, object? model, int maxLength)
        {
            _count = 0;
            _chars = 0;
            _hash = default;
            _hash.Add(program);
            if (!Add(model, 0, maxLength))
            {
                Release();
                return null;
            }

            _probe.Set(program, _hash.ToHashCode(), _tokens, _count, _chars);
            return _probe;
        }

        public bool Compare(object? model, OutputKey key, int maxLength)
        {
            _count = 0;
            _chars = 0;
            _expected = key;
            Busy = true;
            try
            {
                return Add(model, 0, maxLength) && _count == key.Count;
            }
            finally
            {
                _expected = null;
                _count = 0;
                Busy = false;
            }
        }

        public void Release()
        {
            Array.Clear(_tokens, 0, _count);
            _count = 0;
            if (_tokens.Length > 4096)
            {
                _tokens = new object?[64];
            }
        }

        // Set while comparing against a stored key instead of reading into the buffer.
        private OutputKey? _expected;

        private bool Token(object? token, int chars)
        {
            if (_expected is not null)
            {
                // Comparing: a difference (or more values than the key has) ends the walk.
                return _count < _expected.Count && ModelKey.SameValue(_expected.Token(_count++), token);
            }

            if (_count == _tokens.Length)
            {
                Array.Resize(ref _tokens, _count * 2);
            }

            _tokens[_count++] = token;
            _chars += chars;
            if (token is string s)
            {
                // HashCode's seeded xxHash32 over the characters: about twice as fast as string.GetHashCode's
                // Marvin on a page of text, and still seeded per process, so colliding keys cannot be chosen.
                _hash.AddBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(s.AsSpan()));
                _hash.Add(s.Length);
            }
            else
            {
                _hash.Add(token is null ? 0 : token.GetHashCode());
            }

            return true;
        }

        private bool Add(object? v, int depth, int max)
        {
            if (depth > 16 || _chars > max)
            {
                return false;
            }

            switch (v)
            {
                case string s:
                    return Token(s, s.Length + 1) && _chars <= max;
                case null or int or long or bool or double or decimal or char or Guid or DateTime or DateTimeOffset or Enum:
                    return Token(v, 1);
                case Markup m:
                    return Token(m, m.Value.Length + 1) && _chars <= max;
                case float or short or byte or sbyte or ushort or uint or ulong or BigInteger or Half:
                    return Token(v, 1);
                case Delegate or Stream or Type:
                    return false;
            }

            var type = v.GetType();
            if (type != _lastType)
            {
                _lastShape = s_shapes.GetOrAdd(type, Classify);
                _lastType = type;
            }

            var (kind, members) = _lastShape;
            switch (kind)
            {
                case Kind.Mapping:
                    if (!Token(MapStart, 1))
                    {
                        return false;
                    }

                    foreach (var (k, val) in PyAccess.AsMapping(v)!)
                    {
                        if (!Add(k, depth + 1, max) || !Add(val, depth + 1, max))
                        {
                            return false;
                        }
                    }

                    return Token(MapEnd, 1);
                case Kind.List:
                    if (!Token(ListStart, 1))
                    {
                        return false;
                    }

                    if (v is IList list)
                    {
                        for (var i = 0; i < list.Count; i++)
                        {
                            if (!Add(list[i], depth + 1, max))
                            {
                                return false;
                            }
                        }
                    }
                    else
                    {
                        foreach (var item in (IEnumerable)v)
                        {
                            if (!Add(item, depth + 1, max))
                            {
                                return false;
                            }
                        }
                    }

                    return Token(ListEnd, 1);
                case Kind.Refuse:
                    return false;
            }

            // An object: the type stands for its member names, which are read in a fixed order. (The rows of a
            // list are usually of one type, so the type's shape is looked up once per run of rows.)
            if (!Token(type, 1))
            {
                return false;
            }

            for (var i = 0; i < members!.Count; i++)
            {
                if (!Add(members[i].Value(v), depth + 1, max))
                {
                    return false;
                }
            }

            return Token(ObjectEnd, 1);
        }
    }
}
