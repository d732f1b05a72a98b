using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Uhrwerk.Server.Modules.Accounts.Domain;
using Uhrwerk.Server.Modules.Accounts.Events;
using Uhrwerk.Server.Modules.Accounts.Identity;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Accounts.SetPassword;

public sealed record SetPasswordRequest([property: Required] Guid UserId, [property: Required] string Token, [property: Required] string Password);

public sealed record ConfirmEmailRequest([property: Required] Guid UserId, [property: Required] string Email, [property: Required] string Token);

public sealed record ReportEmailChangeRequest([property: Required] Guid UserId, [property: Required] string Email, [property: Required] string Token);

/// <summary>Uses the single-use links the customer center sends: set a password, confirm a new e-mail address, stop an unwanted change of it.</summary>
internal sealed class AccountLinkHandler(UhrwerkDbContext db, UserManager<UserAccount> users, CustomerCenterLog log)
{
    public async Task SetPasswordAsync(SetPasswordRequest request)
    {
        RequestValidation.Validate(request);
        var user = await users.FindByIdAsync(request.UserId.ToString());
        if (user is not { IsActive: true })
        {
            throw new DomainException("invalid_link", T.Get("Link.Invalid"));
        }

        user.PasswordWasSet();
        var result = await users.ResetPasswordAsync(user, request.Token, request.Password);
        if (!result.Succeeded)
        {
            throw result.Errors.Any(e => e.Code == "InvalidToken")
                ? new DomainException("invalid_link", T.Get("Link.Invalid"))
                : new ValidationFailedException(new Dictionary<string, string[]> { ["password"] = result.Errors.Select(e => e.Description).ToArray() });
        }
    }

    public async Task ConfirmEmailAsync(ConfirmEmailRequest request)
    {
        RequestValidation.Validate(request);
        var user = await users.FindByIdAsync(request.UserId.ToString());
        var purpose = UserManager<UserAccount>.GetChangeEmailTokenPurpose(request.Email);
        if (user is not { IsActive: true, CompanyId: { } companyId }
            || !await users.VerifyUserTokenAsync(user, users.Options.Tokens.ChangeEmailTokenProvider, purpose, request.Token))
        {
            throw new DomainException("invalid_link", T.Get("Link.Invalid"));
        }

        var before = UserSnapshot.Of(user);
        user.ConfirmEmailChange(request.Email);
        await users.UpdateNormalizedEmailAsync(user);
        await users.UpdateNormalizedUserNameAsync(user);
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        var customerNumber = db.Companies.Where(c => c.Id == companyId).Select(c => c.CustomerNumber).Single();
        log.Record(companyId, "user.email_confirmed", user.Email!, before, UserSnapshot.Of(user),
            new ContactChanged(companyId, customerNumber, user.Id, user.Email!, user.DisplayName, user.IsActive, "email_changed"));
        await db.SaveChangesAsync();
    }

    public async Task ReportEmailChangeAsync(ReportEmailChangeRequest request)
    {
        RequestValidation.Validate(request);
        var user = await users.FindByIdAsync(request.UserId.ToString());
        if (user is not { IsActive: true, CompanyId: { } companyId }
            || !await users.VerifyUserTokenAsync(user, TokenOptions.DefaultProvider, AccountLinks.ReportEmailChangePurpose(request.Email), request.Token))
        {
            throw new DomainException("invalid_link", T.Get("Link.Invalid"));
        }

        var before = UserSnapshot.Of(user);
        user.CancelEmailChange(request.Email);
        // A new stamp voids the confirmation link already sent to the unwanted address and ends every session, as after any security event.
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        log.Record(companyId, "user.email_change_reported", user.Email!, before, UserSnapshot.Of(user), null);
        await db.SaveChangesAsync();
    }
}

internal static class SetPasswordEndpoints
{
    public static void Map(RouteGroupBuilder accounts)
    {
        var account = accounts.MapGroup("/account").AllowAnonymous();
        account.MapPost("/password", SetPassword).WithSummary("Set a password with the token from an activation or invitation e-mail");
        account.MapPost("/email-confirmation", ConfirmEmail).WithSummary("Confirm a changed e-mail address with the token sent to it");
        account.MapPost("/email-change-report", ReportEmailChange).WithSummary("Stop a change of my e-mail address I did not ask for, with the token sent to my current address");
    }

    private static async Task<NoContent> SetPassword(SetPasswordRequest request, AccountLinkHandler handler)
    {
        await handler.SetPasswordAsync(request);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> ConfirmEmail(ConfirmEmailRequest request, AccountLinkHandler handler)
    {
        await handler.ConfirmEmailAsync(request);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> ReportEmailChange(ReportEmailChangeRequest request, AccountLinkHandler handler)
    {
        await handler.ReportEmailChangeAsync(request);
        return TypedResults.NoContent();
    }
}
