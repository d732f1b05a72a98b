using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Uhrwerk.Server.Modules.Accounts.Domain;
using Uhrwerk.Server.Modules.Accounts.Events;

namespace Uhrwerk.Server.Modules.Accounts.Identity;

public sealed class PortalOptions
{
    /// <summary>The address people use to reach the portal, for links in e-mails. Falls back to the request's host.</summary>
    public string? PublicBaseUrl { get; set; }
}

/// <summary>Issues the single-use, expiring links of the customer center (set password, confirm e-mail).</summary>
internal sealed class AccountLinks(UserManager<UserAccount> users, IHttpContextAccessor http, IOptions<PortalOptions> options)
{
    public async Task<AccountLinkIssued> SetPasswordAsync(UserAccount user, LinkPurpose purpose)
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var link = $"{BaseUrl()}/set-password?user={user.Id}&token={Uri.EscapeDataString(token)}";
        return new AccountLinkIssued(purpose, user.Id, user.Email!, user.DisplayName, user.Language, link);
    }

    public async Task<AccountLinkIssued> ConfirmEmailAsync(UserAccount user, string newEmail)
    {
        var token = await users.GenerateChangeEmailTokenAsync(user, newEmail);
        var link = $"{BaseUrl()}/confirm-email?user={user.Id}&email={Uri.EscapeDataString(newEmail)}&token={Uri.EscapeDataString(token)}";
        return new AccountLinkIssued(LinkPurpose.EmailChange, user.Id, newEmail, user.DisplayName, user.Language, link);
    }

    private string BaseUrl()
    {
        if (options.Value.PublicBaseUrl is { Length: > 0 } configured)
        {
            return configured.TrimEnd('/');
        }

        var request = http.HttpContext?.Request ?? throw new InvalidOperationException("Portal:PublicBaseUrl is not configured and there is no request to take the host from.");
        return $"{request.Scheme}://{request.Host}{request.PathBase}";
    }
}
