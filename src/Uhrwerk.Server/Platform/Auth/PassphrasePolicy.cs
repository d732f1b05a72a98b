using System.Reflection;
using Microsoft.AspNetCore.Identity;
using Uhrwerk.Server.Modules.Accounts.Domain;

namespace Uhrwerk.Server.Platform.Auth;

/// <summary>
/// OWASP ASVS V2.1: at least 8 characters, at most 128, no composition rules, and no password
/// from the list of commonly used ones.
/// </summary>
internal sealed class PassphrasePolicy : IPasswordValidator<UserAccount>
{
    private static readonly Lazy<HashSet<string>> Common = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Uhrwerk.Server.Platform.Auth.common-passwords.txt")
            ?? throw new InvalidOperationException("The list of common passwords is missing.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                set.Add(line.Trim());
            }
        }

        return set;
    });

    public Task<IdentityResult> ValidateAsync(UserManager<UserAccount> manager, UserAccount user, string? password)
    {
        if (password is null || password.Length > 128)
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "PasswordTooLong", Description = "Passwords can have at most 128 characters." }));
        }

        if (Common.Value.Contains(password) || (user.Email is { } email && password.Contains(email.Split('@')[0], StringComparison.OrdinalIgnoreCase) && password.Length < 16))
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "PasswordTooCommon", Description = "This password is too common or too easy to guess. Try a longer passphrase." }));
        }

        return Task.FromResult(IdentityResult.Success);
    }
}
