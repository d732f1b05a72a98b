using System.Net.Mail;
using Uhrwerk.Server.Platform.Problems;
using Uhrwerk.Server.Platform.Localization;

namespace Uhrwerk.Server.Modules.Accounts.Domain;

public static class EmailAddress
{
    public static string Normalize(string? email, string field = "email")
    {
        var trimmed = email?.Trim() ?? "";
        if (trimmed.Length > 254 || !MailAddress.TryCreate(trimmed, out var parsed) || parsed.Address != trimmed || !trimmed.Contains('.', StringComparison.Ordinal))
        {
            throw ValidationFailedException.For(field, T.Get("Users.EmailInvalid"));
        }

        return trimmed.ToLowerInvariant();
    }
}
