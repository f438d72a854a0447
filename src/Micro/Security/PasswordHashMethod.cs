using System.Globalization;

namespace Micro.Security;

/// <summary>
/// A parsed method part of a Werkzeug password hash (<c>scrypt:32768:8:1</c>, <c>pbkdf2:sha256:1000000</c>).
/// </summary>
internal abstract record PasswordHashMethod
{
    /// <summary>Lists the accepted method strings, for error messages.</summary>
    public const string ValidMethods =
        "'scrypt', 'scrypt:N:r:p', 'pbkdf2', 'pbkdf2:HASH' and 'pbkdf2:HASH:ITERATIONS' "
        + "(HASH is sha1, sha256, sha384 or sha512)";

    /// <summary>Gets the method as Werkzeug writes it before the first <c>$</c> of a hash.</summary>
    public abstract string Text { get; }

    /// <summary>Derives the key that a hash stores, in hexadecimal, after its second <c>$</c>.</summary>
    public abstract byte[] Derive(byte[] password, byte[] salt);

    /// <summary>
    /// Parses <paramref name="method"/> as Werkzeug's <c>_hash_internal</c> does, returning null and a
    /// reason that quotes the input when Werkzeug would raise.
    /// </summary>
    /// <remarks>
    /// Numbers must be plain ASCII digits. Python's <c>int()</c> also takes signs, spaces and underscores,
    /// but Werkzeug never writes them, so a hash containing them was not made by Werkzeug.
    /// </remarks>
    public static PasswordHashMethod? Parse(string method, out string? error)
    {
        string[] parts = method.Split(':');
        error = null;
        switch (parts[0])
        {
            case "scrypt" when parts.Length == 1:
                return new ScryptMethod(ScryptMethod.DefaultN, ScryptMethod.DefaultR, ScryptMethod.DefaultP);

            case "scrypt" when parts.Length == 4:
                if (!TryParseNumber(parts[1], out long n) || !TryParseNumber(parts[2], out long r)
                    || !TryParseNumber(parts[3], out long p))
                {
                    error = $"Invalid hash method '{method}': N, r and p must be whole numbers.";
                    return null;
                }

                string? invalid = Scrypt.Validate(n, r, p);
                if (invalid is not null)
                {
                    error = $"Invalid hash method '{method}': {invalid}.";
                    return null;
                }

                return new ScryptMethod((int)n, (int)r, (int)p);

            case "scrypt":
                error = $"Invalid hash method '{method}': 'scrypt' takes 3 arguments (N, r and p).";
                return null;

            case "pbkdf2" when parts.Length <= 3:
                string hashName = parts.Length >= 2 ? parts[1] : "sha256";
                if (!Pbkdf2Method.TryGetAlgorithm(hashName, out var algorithm, out int length))
                {
                    error = $"Invalid hash method '{method}': unsupported hash '{hashName}'. Valid methods are {ValidMethods}.";
                    return null;
                }

                long iterations = Pbkdf2Method.DefaultIterations;
                if (parts.Length == 3 && (!TryParseNumber(parts[2], out iterations) || iterations < 1 || iterations > int.MaxValue))
                {
                    error = $"Invalid hash method '{method}': iterations must be a whole number from 1 to {int.MaxValue}.";
                    return null;
                }

                return new Pbkdf2Method(hashName, algorithm, length, (int)iterations);

            case "pbkdf2":
                error = $"Invalid hash method '{method}': 'pbkdf2' takes 2 arguments (hash and iterations).";
                return null;

            default:
                error = $"Invalid hash method '{method}'. Valid methods are {ValidMethods}.";
                return null;
        }
    }

    private static bool TryParseNumber(string text, out long value) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
