using System.Globalization;
using System.Security.Cryptography;

namespace Micro.Security;

/// <summary>Werkzeug's <c>pbkdf2:HASH:ITERATIONS</c> method: PBKDF2-HMAC with a key as long as the digest.</summary>
/// <param name="HashName">The hash name exactly as written, since Werkzeug echoes it into the hash.</param>
/// <param name="Algorithm">The HMAC hash.</param>
/// <param name="KeyLength">The digest size in bytes, Python's <c>pbkdf2_hmac</c> default key length.</param>
/// <param name="Iterations">The iteration count.</param>
internal sealed record Pbkdf2Method(string HashName, HashAlgorithmName Algorithm, int KeyLength, int Iterations) : PasswordHashMethod
{
    /// <summary>Werkzeug 3.1's default iteration count.</summary>
    public const int DefaultIterations = 1_000_000;

    /// <inheritdoc />
    public override string Text => string.Create(CultureInfo.InvariantCulture, $"pbkdf2:{HashName}:{Iterations}");

    /// <inheritdoc />
    public override byte[] Derive(byte[] password, byte[] salt) =>
        Rfc2898DeriveBytes.Pbkdf2(password, salt, Iterations, Algorithm, KeyLength);

    /// <summary>
    /// Maps a hash name to an algorithm. OpenSSL, behind Python's <c>hashlib</c>, ignores case and knows
    /// <c>sha-256</c> as well as <c>sha256</c>; Werkzeug writes the name as given, so both kinds exist in
    /// user tables. Hashes .NET lacks (sha224, sha3, blake2, md5) are refused.
    /// </summary>
    public static bool TryGetAlgorithm(string name, out HashAlgorithmName algorithm, out int keyLength)
    {
        (algorithm, keyLength) = name.ToLowerInvariant() switch
        {
            "sha1" or "sha-1" => (HashAlgorithmName.SHA1, 20),
            "sha256" or "sha-256" => (HashAlgorithmName.SHA256, 32),
            "sha384" or "sha-384" => (HashAlgorithmName.SHA384, 48),
            "sha512" or "sha-512" => (HashAlgorithmName.SHA512, 64),
            _ => (default, 0),
        };
        return keyLength != 0;
    }
}
