using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Micro.Security;

/// <summary>
/// The scrypt key derivation function of RFC 7914.
/// </summary>
/// <remarks>
/// Hand-written because .NET ships PBKDF2 but no scrypt, and Werkzeug 3.1 hashes passwords with scrypt by
/// default: without it a ported Flask app could not check its users' passwords. Only the memory-hard middle
/// (ROMix, BlockMix, Salsa20/8) is ours; both PBKDF2-HMAC-SHA256 steps use the platform's implementation.
/// </remarks>
internal static class Scrypt
{
    /// <summary>Derives <paramref name="length"/> bytes; the parameters must satisfy <see cref="Validate"/>.</summary>
    public static byte[] DeriveBytes(ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt, int n, int r, int p, int length)
    {
        int blockBytes = 128 * r;
        int blockWords = 32 * r;
        byte[] b = Rfc2898DeriveBytes.Pbkdf2(password, salt, 1, HashAlgorithmName.SHA256, p * blockBytes);

        // Uninitialised: every word of V is written before it is read, and zeroing 32 MB costs milliseconds.
        uint[] v = GC.AllocateUninitializedArray<uint>(n * blockWords);
        uint[] x = new uint[blockWords];
        uint[] y = new uint[blockWords];
        try
        {
            for (int i = 0; i < p; i++)
            {
                RoMix(b.AsSpan(i * blockBytes, blockBytes), n, r, v, x, y);
            }

            return Rfc2898DeriveBytes.Pbkdf2(password, b, 1, HashAlgorithmName.SHA256, length);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(b);
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(v.AsSpan()));
            Array.Clear(x);
            Array.Clear(y);
        }
    }

    /// <summary>
    /// Returns why Python's <c>hashlib.scrypt</c> (OpenSSL) would refuse these parameters with Werkzeug's
    /// memory limit of <c>132 * n * r * p</c> bytes, or null if it would accept them.
    /// </summary>
    /// <remarks>
    /// Mirroring the refusals exactly means a hash Werkzeug can produce is accepted and any other is not;
    /// it also caps the memory a stored hash can make us allocate at 2 GB.
    /// </remarks>
    public static string? Validate(long n, long r, long p)
    {
        if (n < 2 || (n & (n - 1)) != 0)
        {
            return "N must be a power of 2 greater than 1";
        }

        if (r < 1 || p < 1)
        {
            return "r and p must be at least 1";
        }

        // Python rejects maxmem above INT_MAX; checked in steps so the product cannot overflow.
        const long maxMemLimit = int.MaxValue;
        if (n > maxMemLimit / 132 || r > maxMemLimit / (132 * n) || p > maxMemLimit / (132 * n * r))
        {
            return "132 * N * r * p (the memory limit) must not exceed 2147483647 bytes";
        }

        long maxMem = 132 * n * r * p;

        // OpenSSL: N < 2^(128 * r / 8).
        if (16 * r <= 63 && n >= 1L << (int)(16 * r))
        {
            return "N must be less than 2^(16 * r)";
        }

        // OpenSSL allocates B (128 * r * p) and V with scratch (128 * r * (N + 2)) within maxmem.
        if ((128 * r * p) + (128 * r * (n + 2)) > maxMem)
        {
            return "the memory needed, 128 * r * (N + p + 2) bytes, exceeds the limit of 132 * N * r * p bytes";
        }

        return null;
    }

    private static void RoMix(Span<byte> block, int n, int r, uint[] v, uint[] x, uint[] y)
    {
        int words = 32 * r;
        for (int k = 0; k < words; k++)
        {
            x[k] = BinaryPrimitives.ReadUInt32LittleEndian(block[(4 * k)..]);
        }

        for (int i = 0; i < n; i++)
        {
            x.CopyTo(v, i * words);
            BlockMix(x, y, r);
            (x, y) = (y, x);
        }

        int last = (2 * r - 1) * 16;
        uint mask = (uint)n - 1;
        for (int i = 0; i < n; i++)
        {
            // Integerify: the first word of the last 64-byte block; N is at most 2^31, so 32 bits suffice.
            int j = (int)(x[last] & mask);
            Xor(x, v.AsSpan(j * words, words));
            BlockMix(x, y, r);
            (x, y) = (y, x);
        }

        for (int k = 0; k < words; k++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(block[(4 * k)..], x[k]);
        }
    }

    // Reads b, writes y: the even 64-byte results go to the first half, the odd ones to the second.
    private static void BlockMix(ReadOnlySpan<uint> b, Span<uint> y, int r)
    {
        Span<uint> t = stackalloc uint[16];
        b.Slice((2 * r - 1) * 16, 16).CopyTo(t);
        for (int i = 0; i < 2 * r; i++)
        {
            Salsa20x8(t, b.Slice(i * 16, 16));
            t.CopyTo(y.Slice(((i & 1) * r + (i >> 1)) * 16, 16));
        }
    }

    private static void Xor(Span<uint> target, ReadOnlySpan<uint> source)
    {
        // Vector-sized chunks: this runs over 1 KB for every one of the N second-loop steps.
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var targetVectors = MemoryMarshal.Cast<uint, Vector<uint>>(target);
            var sourceVectors = MemoryMarshal.Cast<uint, Vector<uint>>(source);
            for (int k = 0; k < targetVectors.Length; k++)
            {
                targetVectors[k] ^= sourceVectors[k];
            }

            i = targetVectors.Length * Vector<uint>.Count;
        }

        for (; i < target.Length; i++)
        {
            target[i] ^= source[i];
        }
    }

    // state = Salsa20/8(state XOR input), the core of RFC 7914 section 3.
    private static void Salsa20x8(Span<uint> state, ReadOnlySpan<uint> input)
    {
        uint j0 = state[0] ^ input[0], j1 = state[1] ^ input[1], j2 = state[2] ^ input[2], j3 = state[3] ^ input[3];
        uint j4 = state[4] ^ input[4], j5 = state[5] ^ input[5], j6 = state[6] ^ input[6], j7 = state[7] ^ input[7];
        uint j8 = state[8] ^ input[8], j9 = state[9] ^ input[9], j10 = state[10] ^ input[10], j11 = state[11] ^ input[11];
        uint j12 = state[12] ^ input[12], j13 = state[13] ^ input[13], j14 = state[14] ^ input[14], j15 = state[15] ^ input[15];

        uint x0 = j0, x1 = j1, x2 = j2, x3 = j3, x4 = j4, x5 = j5, x6 = j6, x7 = j7;
        uint x8 = j8, x9 = j9, x10 = j10, x11 = j11, x12 = j12, x13 = j13, x14 = j14, x15 = j15;

        for (int round = 0; round < 8; round += 2)
        {
            // Columns.
            x4 ^= BitOperations.RotateLeft(x0 + x12, 7);
            x8 ^= BitOperations.RotateLeft(x4 + x0, 9);
            x12 ^= BitOperations.RotateLeft(x8 + x4, 13);
            x0 ^= BitOperations.RotateLeft(x12 + x8, 18);
            x9 ^= BitOperations.RotateLeft(x5 + x1, 7);
            x13 ^= BitOperations.RotateLeft(x9 + x5, 9);
            x1 ^= BitOperations.RotateLeft(x13 + x9, 13);
            x5 ^= BitOperations.RotateLeft(x1 + x13, 18);
            x14 ^= BitOperations.RotateLeft(x10 + x6, 7);
            x2 ^= BitOperations.RotateLeft(x14 + x10, 9);
            x6 ^= BitOperations.RotateLeft(x2 + x14, 13);
            x10 ^= BitOperations.RotateLeft(x6 + x2, 18);
            x3 ^= BitOperations.RotateLeft(x15 + x11, 7);
            x7 ^= BitOperations.RotateLeft(x3 + x15, 9);
            x11 ^= BitOperations.RotateLeft(x7 + x3, 13);
            x15 ^= BitOperations.RotateLeft(x11 + x7, 18);

            // Rows.
            x1 ^= BitOperations.RotateLeft(x0 + x3, 7);
            x2 ^= BitOperations.RotateLeft(x1 + x0, 9);
            x3 ^= BitOperations.RotateLeft(x2 + x1, 13);
            x0 ^= BitOperations.RotateLeft(x3 + x2, 18);
            x6 ^= BitOperations.RotateLeft(x5 + x4, 7);
            x7 ^= BitOperations.RotateLeft(x6 + x5, 9);
            x4 ^= BitOperations.RotateLeft(x7 + x6, 13);
            x5 ^= BitOperations.RotateLeft(x4 + x7, 18);
            x11 ^= BitOperations.RotateLeft(x10 + x9, 7);
            x8 ^= BitOperations.RotateLeft(x11 + x10, 9);
            x9 ^= BitOperations.RotateLeft(x8 + x11, 13);
            x10 ^= BitOperations.RotateLeft(x9 + x8, 18);
            x12 ^= BitOperations.RotateLeft(x15 + x14, 7);
            x13 ^= BitOperations.RotateLeft(x12 + x15, 9);
            x14 ^= BitOperations.RotateLeft(x13 + x12, 13);
            x15 ^= BitOperations.RotateLeft(x14 + x13, 18);
        }

        state[0] = x0 + j0; state[1] = x1 + j1; state[2] = x2 + j2; state[3] = x3 + j3;
        state[4] = x4 + j4; state[5] = x5 + j5; state[6] = x6 + j6; state[7] = x7 + j7;
        state[8] = x8 + j8; state[9] = x9 + j9; state[10] = x10 + j10; state[11] = x11 + j11;
        state[12] = x12 + j12; state[13] = x13 + j13; state[14] = x14 + j14; state[15] = x15 + j15;
    }
}
