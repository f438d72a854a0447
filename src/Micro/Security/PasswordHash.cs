using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Micro.Security;

/// <summary>
/// Hashes and checks passwords in Werkzeug 3.1's format, so a user table from a Flask app keeps working:
/// <see cref="Generate"/> is <c>generate_password_hash</c> and <see cref="Check"/> is <c>check_password_hash</c>.
/// </summary>
/// <example>
/// <code>
/// string stored = PasswordHash.Generate("hunter2");  // "scrypt:32768:8:1$salt$hex"
/// bool ok = PasswordHash.Check(stored, "hunter2");  // true
/// </code>
/// </example>
public static class PasswordHash
{
    private const string SaltChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    // Python's str.encode() is strict: a password with an unpaired surrogate has no UTF-8 form.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Hashes <paramref name="password"/> with a random salt, like Werkzeug's <c>generate_password_hash</c>.
    /// </summary>
    /// <param name="password">The plaintext password.</param>
    /// <param name="method">
    /// The key derivation function and its parameters: <c>scrypt</c> (the default, meaning
    /// <c>scrypt:32768:8:1</c>), <c>scrypt:N:r:p</c>, <c>pbkdf2</c> (meaning <c>pbkdf2:sha256:1000000</c>),
    /// <c>pbkdf2:HASH</c> or <c>pbkdf2:HASH:ITERATIONS</c> with HASH one of sha1, sha256, sha384, sha512.
    /// </param>
    /// <param name="saltLength">The number of salt characters, drawn from <c>[a-zA-Z0-9]</c>.</param>
    /// <returns>The hash to store, <c>method$salt$hex</c>, for example <c>pbkdf2:sha256:1000000$AbC...$5e88...</c>.</returns>
    /// <exception cref="ArgumentException">
    /// <paramref name="method"/> is not a method Werkzeug accepts, or <paramref name="password"/> contains an
    /// unpaired surrogate.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="saltLength"/> is less than 1.</exception>
    public static string Generate(string password, string method = "scrypt", int saltLength = 16)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(method);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(saltLength);

        var parsed = PasswordHashMethod.Parse(method, out string? error) ?? throw new ArgumentException(error, nameof(method));
        byte[] passwordBytes;
        try
        {
            passwordBytes = StrictUtf8.GetBytes(password);
        }
        catch (EncoderFallbackException)
        {
            throw new ArgumentException(
                "The password contains an unpaired surrogate, so it has no UTF-8 form to hash. Werkzeug refuses it too.",
                nameof(password));
        }

        string salt = RandomNumberGenerator.GetString(SaltChars, saltLength);
        byte[] key = parsed.Derive(passwordBytes, Encoding.ASCII.GetBytes(salt));
        return $"{parsed.Text}${salt}${Convert.ToHexStringLower(key)}";
    }

    /// <summary>
    /// Checks <paramref name="password"/> against a stored <paramref name="hash"/> in constant time, like
    /// Werkzeug's <c>check_password_hash</c>.
    /// </summary>
    /// <param name="hash">A hash made by <see cref="Generate"/> or by Werkzeug's <c>generate_password_hash</c>.</param>
    /// <param name="password">The plaintext password to check.</param>
    /// <returns>
    /// True if the password matches; false if it does not or if <paramref name="hash"/> is malformed or
    /// uses a method Micro does not support (where Werkzeug would raise).
    /// </returns>
    public static bool Check(string hash, string password)
    {
        ArgumentNullException.ThrowIfNull(hash);
        ArgumentNullException.ThrowIfNull(password);

        // Werkzeug splits at the first two '$'; the hex part is compared whole, so a third '$' never matches.
        int first = hash.IndexOf('$', StringComparison.Ordinal);
        int second = first < 0 ? -1 : hash.IndexOf('$', first + 1);
        if (second < 0)
        {
            return false;
        }

        var method = PasswordHashMethod.Parse(hash[..first], out _);
        if (method is null)
        {
            return false;
        }

        byte[] passwordBytes, saltBytes;
        try
        {
            passwordBytes = StrictUtf8.GetBytes(password);
            saltBytes = StrictUtf8.GetBytes(hash[(first + 1)..second]);
        }
        catch (EncoderFallbackException)
        {
            return false;
        }

        string actual = Convert.ToHexStringLower(method.Derive(passwordBytes, saltBytes));
        ReadOnlySpan<char> expected = hash.AsSpan(second + 1);

        // Lengths are public (they follow from the method); the contents are compared in constant time.
        return CryptographicOperations.FixedTimeEquals(
            MemoryMarshal.AsBytes(actual.AsSpan()), MemoryMarshal.AsBytes(expected));
    }
}
