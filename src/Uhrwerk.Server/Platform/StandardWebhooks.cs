using System.Security.Cryptography;
using System.Text;

namespace Uhrwerk.Server.Platform;

/// <summary>
/// The Standard Webhooks scheme (standardwebhooks.com), used both ways: Uhrwerk signs the webhooks it sends and checks
/// those carriers send. Base64 HMAC-SHA256 over "id.timestamp.body" with the secret's bytes, as "v1,signature".
/// </summary>
public static class StandardWebhooks
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";

    public static string Sign(string secret, string messageId, long timestamp, string body) =>
        "v1," + Convert.ToBase64String(Hash(secret, messageId, timestamp, body));

    /// <summary>
    /// True when one of the signatures in <paramref name="signatures"/> (space separated, as the scheme allows during a
    /// secret's rotation) is the body's, and the timestamp lies within <paramref name="tolerance"/> of now either way,
    /// so a recorded call cannot be replayed later.
    /// </summary>
    public static bool Verify(string secret, string? messageId, string? timestamp, string? signatures, string body, DateTimeOffset now, TimeSpan tolerance)
    {
        if (string.IsNullOrEmpty(messageId) || string.IsNullOrEmpty(signatures) || !long.TryParse(timestamp, out var seconds)
            || Math.Abs(now.ToUnixTimeSeconds() - seconds) > tolerance.TotalSeconds)
        {
            return false;
        }

        var expected = Hash(secret, messageId, seconds, body);
        foreach (var signature in signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var given = new byte[expected.Length];
            if (signature.StartsWith("v1,", StringComparison.Ordinal) && Convert.TryFromBase64String(signature[3..], given, out var written)
                && written == expected.Length && CryptographicOperations.FixedTimeEquals(given, expected))
            {
                return true;
            }
        }

        return false;
    }

    private static byte[] Hash(string secret, string messageId, long timestamp, string body) =>
        HMACSHA256.HashData(KeyOf(secret), Encoding.UTF8.GetBytes($"{messageId}.{timestamp}.{body}"));

    // The scheme's secrets are base64, with or without "whsec_"; one configured in another form is used by its UTF-8 bytes.
    private static byte[] KeyOf(string secret)
    {
        var text = secret.StartsWith("whsec_", StringComparison.Ordinal) ? secret[6..] : secret;
        var key = new byte[text.Length];
        return Convert.TryFromBase64String(text, key, out var length) ? key[..length] : Encoding.UTF8.GetBytes(secret);
    }
}
