using System.Collections;
using System.Globalization;
using System.Numerics;
using Micro.Templates.Runtime;

namespace Micro.Templates.Caching;

/// <summary>Why a model could not be keyed.</summary>
internal enum KeyRefusal
{
    /// <summary>It could.</summary>
    None,

    /// <summary>It holds a value the cache cannot key exactly (<see cref="KeyShape"/>).</summary>
    Value,

    /// <summary>It is larger than the key size limit, or nested too deeply.</summary>
    Size,
}

/// <summary>
/// Reads a render's arguments into an exact key, or gives up (null) when a value in them cannot be keyed exactly
/// (<see cref="KeyShape"/>: fail closed) or they are larger than the size limit. The key is the flat sequence of
/// the current culture (records and other values print through it), the model's values (strings, numbers, ...)
/// and structure (a list, mapping or record of a type, a repeat of a collection already seen) in a fixed order;
/// two keys are equal only when every value is equal and of the same type, compared in full (the hash only picks
/// the candidates), so a cached output is never served for data a template could tell apart.
/// </summary>
/// <remarks>
/// No code of the model's runs: records and anonymous types are read field by field, collections are the
/// framework's own. The model is read once per render into a buffer kept per thread; a lookup builds no key
/// object. Only a miss copies the buffer into a key of its own, before the render runs (a render may render again
/// on this thread).
/// </remarks>
internal static class ModelKey
{
    private const int MaxDepth = 16;

    private static readonly object ListEnd = new Marker("]");
    private static readonly object MapEnd = new Marker("}");
    private static readonly object ObjectEnd = new Marker(")");
    private static readonly BackReference[] s_backReferences = [.. Enumerable.Range(0, 64).Select(i => new BackReference(i))];

    [ThreadStatic]
    private static Reader? t_reader;

    /// <summary>
    /// Reads <paramref name="model"/> into this thread's probe key for <paramref name="program"/>, or returns null
    /// when it cannot be a key (<paramref name="refusal"/> says why). The probe is valid until the next call on this
    /// thread; <see cref="OutputKey.Freeze"/> keeps it.
    /// </summary>
    public static OutputKey? Probe(long program, object? model, int maxLength, out KeyRefusal refusal) =>
        AvailableReader().Read(program, model, maxLength, out refusal);

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
    /// no buffer, no hash, no boxing, and it stops at the first difference. For checking a render against the previous one.
    /// </summary>
    public static bool Matches(object? model, OutputKey key, int maxLength) => AvailableReader().Compare(model, key, maxLength);

    // The thread's reader, or a new one when a vouched type's getter renders a template while the thread's reader
    // is reading (a render inside a getter must not disturb the outer key).
    private static Reader AvailableReader()
    {
        var reader = t_reader ??= new Reader();
        return reader.Busy ? new Reader() : reader;
    }

    /// <summary>
    /// Whether values of <paramref name="type"/> are keyed as themselves: immutable values whose every observable
    /// behaviour (printing, equality, ordering, members) is a function of what <see cref="SameValue"/> compares.
    /// </summary>
    public static bool IsLeafType(Type type) =>
        type == typeof(string) || type == typeof(Markup) || type.IsEnum
        || type == typeof(int) || type == typeof(long) || type == typeof(bool) || type == typeof(double) || type == typeof(decimal)
        || type == typeof(char) || type == typeof(float) || type == typeof(short) || type == typeof(byte) || type == typeof(sbyte)
        || type == typeof(ushort) || type == typeof(uint) || type == typeof(ulong) || type == typeof(nint) || type == typeof(nuint)
        || type == typeof(Half) || type == typeof(Int128) || type == typeof(UInt128) || type == typeof(BigInteger)
        || type == typeof(Guid) || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(DateOnly)
        || type == typeof(TimeOnly) || type == typeof(TimeSpan);

    private static bool IsLeaf(object v) => v switch
    {
        string or int or long or bool or double or decimal or char or Guid or DateTime or DateTimeOffset or Enum or Markup => true,
        float or short or byte or sbyte or ushort or uint or ulong or nint or nuint or Half or Int128 or UInt128 or BigInteger => true,
        DateOnly or TimeOnly or TimeSpan => true,
        _ => false,
    };

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
            double d => Same(d, (double)b),
            float f => Same(f, (float)b),
            Half h => Same(h, (Half)b),
            decimal m => Same(m, (decimal)b),
            DateTime t => Same(t, (DateTime)b),
            DateTimeOffset o => Same(o, (DateTimeOffset)b),
            // The culture records and numbers print in: the same object (a culture can be edited in place; by name is not enough).
            CultureInfo => false,
            _ => a.Equals(b),
        };
    }

    /// <summary><see cref="SameValue"/> for two values of a leaf type, without boxing.</summary>
    internal static bool Same<T>(T a, T b)
    {
        // Equal values that print differently are different keys: -0.0 and 0.0, 1.0m and 1.00m, a UTC and a local time.
        if (typeof(T) == typeof(string))
        {
            return string.Equals((string?)(object?)a, (string?)(object?)b, StringComparison.Ordinal);
        }

        if (typeof(T) == typeof(double))
        {
            return BitConverter.DoubleToInt64Bits((double)(object)a!) == BitConverter.DoubleToInt64Bits((double)(object)b!);
        }

        if (typeof(T) == typeof(float))
        {
            return BitConverter.SingleToInt32Bits((float)(object)a!) == BitConverter.SingleToInt32Bits((float)(object)b!);
        }

        if (typeof(T) == typeof(Half))
        {
            return BitConverter.HalfToInt16Bits((Half)(object)a!) == BitConverter.HalfToInt16Bits((Half)(object)b!);
        }

        if (typeof(T) == typeof(decimal))
        {
            // Equal value and scale is equal digits; with the sign, the exact bits (0.0m and -0.0m print alike today).
            var (x, y) = ((decimal)(object)a!, (decimal)(object)b!);
            return x == y && x.Scale == y.Scale && decimal.IsNegative(x) == decimal.IsNegative(y);
        }

        if (typeof(T) == typeof(DateTime))
        {
            var (x, y) = ((DateTime)(object)a!, (DateTime)(object)b!);
            return x.Ticks == y.Ticks && x.Kind == y.Kind;
        }

        if (typeof(T) == typeof(DateTimeOffset))
        {
            return ((DateTimeOffset)(object)a!).EqualsExact((DateTimeOffset)(object)b!);
        }

        return EqualityComparer<T>.Default.Equals(a, b);
    }

    private sealed class Marker(string text)
    {
        public override string ToString() => text;
    }

    /// <summary>A collection met again in the same model: the <see cref="Index"/>th one read. Equality can tell a collection from an equal copy.</summary>
    private sealed record BackReference(int Index);

    private sealed class Reader
    {
        // Collections already read in this model, to key which are the same object; a dictionary past a few.
        private const int LinearSeen = 16;

        private object?[] _tokens = new object?[64];
        private int _count;
        private int _chars;
        private HashCode _hash;
        private readonly OutputKey _probe = new();
        private Type? _lastType;
        private KeyShape? _lastShape;
        private readonly object?[] _seen = new object?[LinearSeen];
        private int _seenCount;
        private Dictionary<object, int>? _seenIndex;
        private KeyRefusal _refusal;

        // Set while comparing against a stored key instead of reading into the buffer.
        private OutputKey? _expected;

        public bool Busy { get; private set; }

        public OutputKey? Read(long program, object? model, int maxLength, out KeyRefusal refusal)
        {
            Busy = true;
            try
            {
                _count = 0;
                _chars = 0;
                _hash = default;
                _hash.Add(program);
                _refusal = KeyRefusal.None;
                if (!Token(CultureInfo.CurrentCulture, 1) || !Add(model, 0, maxLength))
                {
                    refusal = _refusal == KeyRefusal.None ? KeyRefusal.Size : _refusal;
                    Release();
                    return null;
                }

                refusal = KeyRefusal.None;
                _probe.Set(program, _hash.ToHashCode(), _tokens, _count, _chars);
                return _probe;
            }
            finally
            {
                ForgetSeen();
                Busy = false;
            }
        }

        public bool Compare(object? model, OutputKey key, int maxLength)
        {
            _count = 0;
            _chars = 0;
            _expected = key;
            Busy = true;
            try
            {
                return Token(CultureInfo.CurrentCulture, 1) && Add(model, 0, maxLength) && _count == key.Count;
            }
            finally
            {
                _expected = null;
                _count = 0;
                ForgetSeen();
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

        private void ForgetSeen()
        {
            Array.Clear(_seen, 0, Math.Min(_seenCount, LinearSeen));
            _seenCount = 0;
            _seenIndex?.Clear();
        }

        private bool Refuse(KeyRefusal why)
        {
            _refusal = why;
            return false;
        }

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

        // The index of the collection if it was read before in this model (then it is keyed as a back reference:
        // a copy and the same object differ to ==), or -1 after remembering it.
        private int Seen(object collection)
        {
            if (_seenCount < LinearSeen)
            {
                for (var i = 0; i < _seenCount; i++)
                {
                    if (ReferenceEquals(_seen[i], collection))
                    {
                        return i;
                    }
                }

                _seen[_seenCount++] = collection;
                return -1;
            }

            if (_seenIndex is null || _seenIndex.Count == 0)
            {
                _seenIndex ??= new Dictionary<object, int>(ReferenceEqualityComparer.Instance);
                for (var i = 0; i < LinearSeen; i++)
                {
                    _seenIndex[_seen[i]!] = i;
                }
            }

            if (_seenIndex.TryGetValue(collection, out var index))
            {
                return index;
            }

            _seenIndex[collection] = _seenCount++;
            return -1;
        }

        private bool Add(object? v, int depth, int max)
        {
            if (depth > MaxDepth || _chars > max)
            {
                return Refuse(KeyRefusal.Size);
            }

            if (v is null)
            {
                return Token(null, 1);
            }

            if (IsLeaf(v))
            {
                var chars = v is string s ? s.Length + 1 : v is Markup m ? m.Value.Length + 1 : 1;
                return Token(v, chars) && (_chars <= max || Refuse(KeyRefusal.Size));
            }

            var type = v.GetType();
            if (type != _lastType)
            {
                // The rows of a list are usually of one type: its shape is looked up once per run of rows.
                _lastShape = KeyShape.For(type);
                _lastType = type;
            }

            var shape = _lastShape!;
            switch (shape.Kind)
            {
                case ShapeKind.Fields:
                    return AddFields(v, type, shape.Fields, depth, max);
                case ShapeKind.Refuse:
                    return Refuse(KeyRefusal.Value);
            }

            if (Seen(v) is var seen and >= 0)
            {
                return Token(seen < s_backReferences.Length ? s_backReferences[seen] : new BackReference(seen), 1);
            }

            // The type comes first: it decides how the items print (a list and a set do not) and what follows.
            if (!Token(type, 1))
            {
                return false;
            }

            switch (shape.Kind)
            {
                case ShapeKind.List or ShapeKind.VouchedList:
                    return AddItems(v, depth, max) && Token(ListEnd, 1);
                case ShapeKind.Mapping:
                    var comparer = shape.Part?.Invoke(v);
                    // A comparer of the application's could match keys by anything: only the framework's are known.
                    if (comparer is not null && comparer.GetType().Assembly != typeof(object).Assembly)
                    {
                        return Refuse(KeyRefusal.Value);
                    }

                    return Token(comparer, 1) && AddEntries(v, depth, max) && Token(MapEnd, 1);
                case ShapeKind.VouchedMapping:
                    foreach (var (k, val) in PyAccess.AsMapping(v)!)
                    {
                        if (!Add(k, depth + 1, max) || !Add(val, depth + 1, max))
                        {
                            return false;
                        }
                    }

                    return Token(MapEnd, 1);
                case ShapeKind.Wrapper:
                    return Add(shape.Part!(v), depth + 1, max) && Token(ObjectEnd, 1);
                default:
                    // Vouched for by the application: its public members, read as a template reads them.
                    var members = shape.Members;
                    for (var i = 0; i < members.Count; i++)
                    {
                        if (!Add(members[i].Value(v), depth + 1, max))
                        {
                            return false;
                        }
                    }

                    return Token(ObjectEnd, 1);
            }
        }

        // A record, anonymous type or tuple: the type stands for its field layout, then every field in a fixed order.
        private bool AddFields(object v, Type type, FieldSlot[] fields, int depth, int max)
        {
            if (!Token(type, 1))
            {
                return false;
            }

            for (var i = 0; i < fields.Length; i++)
            {
                var field = fields[i];
                if (_expected is not null && field.IsLeaf)
                {
                    // Comparing a string or number field: read and compared typed, nothing boxed.
                    if (_count >= _expected.Count || !field.Same(v, _expected.Token(_count++)))
                    {
                        return false;
                    }
                }
                else if (!Add(field.Read(v), depth + 1, max))
                {
                    return false;
                }
            }

            return Token(ObjectEnd, 1);
        }

        private bool AddItems(object v, int depth, int max)
        {
            if (v is IList list)
            {
                for (var i = 0; i < list.Count; i++)
                {
                    if (!Add(list[i], depth + 1, max))
                    {
                        return false;
                    }
                }

                return true;
            }

            foreach (var item in (IEnumerable)v)
            {
                if (!Add(item, depth + 1, max))
                {
                    return false;
                }
            }

            return true;
        }

        private bool AddEntries(object v, int depth, int max)
        {
            if (v is IDictionary dictionary)
            {
                var e = dictionary.GetEnumerator();
                while (e.MoveNext())
                {
                    if (!Add(e.Key, depth + 1, max) || !Add(e.Value, depth + 1, max))
                    {
                        return false;
                    }
                }

                return true;
            }

            // ExpandoObject: a mapping only through the generic interface.
            foreach (var (k, val) in (IEnumerable<KeyValuePair<string, object?>>)v)
            {
                if (!Add(k, depth + 1, max) || !Add(val, depth + 1, max))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
