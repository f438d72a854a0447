using System.Globalization;

namespace Micro.Security;

/// <summary>Werkzeug's <c>scrypt:N:r:p</c> method: RFC 7914 scrypt with a 64-byte key.</summary>
internal sealed record ScryptMethod(int N, int R, int P) : PasswordHashMethod
{
    /// <summary>Werkzeug 3.1's default cost, 2^15: 32 MB of memory per hash.</summary>
    public const int DefaultN = 32768;

    /// <summary>Werkzeug 3.1's default block size.</summary>
    public const int DefaultR = 8;

    /// <summary>Werkzeug 3.1's default parallelism.</summary>
    public const int DefaultP = 1;

    // Python's hashlib.scrypt default dklen.
    private const int KeyLength = 64;

    /// <inheritdoc />
    public override string Text => string.Create(CultureInfo.InvariantCulture, $"scrypt:{N}:{R}:{P}");

    /// <inheritdoc />
    public override byte[] Derive(byte[] password, byte[] salt) => Scrypt.DeriveBytes(password, salt, N, R, P, KeyLength);
}
