using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace Micro.Sessions;

/// <summary>
/// Signs, encrypts and time-limits what goes into the session cookie with Data Protection (Flask uses
/// itsdangerous: signed, not encrypted). The expiry travels inside the protected payload, so an old cookie
/// is refused even if the browser kept it.
/// </summary>
internal static class SessionCookieCodec
{
    // Versioned so a future format change can refuse old cookies cleanly.
    public const string Purpose = "Micro.Session.v1";

    public static ITimeLimitedDataProtector Protector(IDataProtectionProvider provider) =>
        provider.CreateProtector(Purpose).ToTimeLimitedDataProtector();

    public static string Protect(ITimeLimitedDataProtector protector, byte[] payload, DateTimeOffset expiration) =>
        WebEncoders.Base64UrlEncode(protector.Protect(payload, expiration));

    /// <summary>Returns the payload, or <see langword="null"/> with the reason it was refused.</summary>
    public static byte[]? Unprotect(ITimeLimitedDataProtector protector, string cookie, out string? reason)
    {
        try
        {
            var payload = protector.Unprotect(WebEncoders.Base64UrlDecode(cookie), out _);
            reason = null;
            return payload;
        }
        catch (FormatException)
        {
            reason = "not base64url";
        }
        catch (CryptographicException error)
        {
            // Tampered, truncated, expired, or protected with keys this app does not have.
            reason = error.Message;
        }

        return null;
    }
}
