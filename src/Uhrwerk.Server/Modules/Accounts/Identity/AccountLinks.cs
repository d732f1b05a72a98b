using Microsoft.AspNetCore.Identity;
using Uhrwerk.Server.Modules.Accounts.Domain;
using Uhrwerk.Server.Modules.Accounts.Events;
using Uhrwerk.Server.Platform;

namespace Uhrwerk.Server.Modules.Accounts.Identity;

/// <summary>Issues the single-use, expiring links of the customer center (set password, confirm e-mail, report an e-mail change).</summary>
internal sealed class AccountLinks(UserManager<UserAccount> users, PortalLinks portal)
{
    public static string ReportEmailChangePurpose(string newEmail) => "ReportEmailChange:" + newEmail;

    public async Task<AccountLinkIssued> SetPasswordAsync(UserAccount user, LinkPurpose purpose)
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var link = portal.To($"/set-password?user={user.Id}&token={Uri.EscapeDataString(token)}");
        return new AccountLinkIssued(purpose, user.Id, user.Email!, user.DisplayName, user.Language, link);
    }

    public async Task<AccountLinkIssued> ConfirmEmailAsync(UserAccount user, string newEmail)
    {
        var token = await users.GenerateChangeEmailTokenAsync(user, newEmail);
        var link = portal.To($"/confirm-email?user={user.Id}&email={Uri.EscapeDataString(newEmail)}&token={Uri.EscapeDataString(token)}");
        return new AccountLinkIssued(LinkPurpose.EmailChange, user.Id, newEmail, user.DisplayName, user.Language, link);
    }

    /// <summary>To the address still in use: somebody else may have asked for the change, and its owner can stop it before it takes effect.</summary>
    public async Task<AccountLinkIssued> ReportEmailChangeAsync(UserAccount user, string newEmail)
    {
        var token = await users.GenerateUserTokenAsync(user, TokenOptions.DefaultProvider, ReportEmailChangePurpose(newEmail));
        var link = portal.To($"/report-email-change?user={user.Id}&email={Uri.EscapeDataString(newEmail)}&token={Uri.EscapeDataString(token)}");
        return new AccountLinkIssued(LinkPurpose.EmailChangeReport, user.Id, user.Email!, user.DisplayName, user.Language, link, newEmail);
    }
}
