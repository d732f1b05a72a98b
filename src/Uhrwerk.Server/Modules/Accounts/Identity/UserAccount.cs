using Microsoft.AspNetCore.Identity;
using Uhrwerk.Server.Modules.Accounts.Domain;
using Uhrwerk.Server.Platform;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Accounts.Identity;

/// <summary>
/// A person who signs in: either a customer user (exactly one company) or a member of the
/// supplier's staff (no company, a staff role). Identity owns the sign-in columns; the
/// business state below changes only through the named actions. It lives beside Identity, not in
/// Domain, because it is an Identity user.
/// </summary>
public sealed class UserAccount : IdentityUser<Guid>, ICompanyOwned
{
    private List<Guid> _roleIds = [];

    private UserAccount() { }

    public Guid? CompanyId { get; private set; }
    public string DisplayName { get; private set; } = "";
    public bool IsActive { get; private set; }
    public string Language { get; private set; } = "de";
    public StaffRole? StaffRole { get; private set; }
    public string? PendingEmail { get; private set; }
    public OrderBudget Budget { get; private set; } = OrderBudget.Unlimited;
    public DateTimeOffset CreatedAt { get; private set; }
    public IReadOnlyList<Guid> RoleIds => _roleIds;

    public bool IsStaff => StaffRole is not null;

    public static UserAccount NewCustomerUser(Guid companyId, string displayName, string email, string language, IEnumerable<CompanyRole> roles, ActingUser by, DateTimeOffset now)
    {
        var user = new UserAccount
        {
            Id = Guid.CreateVersion7(now),
            CompanyId = companyId,
            CreatedAt = now,
            IsActive = true,
            Language = SupportedLanguage(language),
        };
        user.SetDisplayName(displayName);
        user.SetLoginEmail(email);
        user.AssignRoles(roles, by);
        return user;
    }

    public static UserAccount NewStaff(string displayName, string email, StaffRole role, DateTimeOffset now)
    {
        var user = new UserAccount { Id = Guid.CreateVersion7(now), StaffRole = role, CreatedAt = now, IsActive = true };
        user.SetDisplayName(displayName);
        user.SetLoginEmail(email);
        return user;
    }

    public void Rename(string displayName, ActingUser by)
    {
        by.MayChange(Id);
        SetDisplayName(displayName);
    }

    private void SetDisplayName(string displayName)
    {
        displayName = displayName.Trim();
        if (displayName.Length is 0 or > 200)
        {
            throw ValidationFailedException.For("displayName", T.Get("Users.NameRequired"));
        }

        DisplayName = PlainText.Name("displayName", displayName)!;
    }

    /// <summary>The new address becomes the login only once its owner confirms it.</summary>
    public void RequestEmailChange(string newEmail, ActingUser by)
    {
        by.MayChange(Id);
        var normalized = EmailAddress.Normalize(newEmail);
        if (string.Equals(normalized, Email, StringComparison.OrdinalIgnoreCase))
        {
            throw new DomainException("email_unchanged", T.Get("Users.EmailUnchanged"));
        }

        PendingEmail = normalized;
    }

    public void ConfirmEmailChange(string email)
    {
        if (PendingEmail is null || !string.Equals(PendingEmail, email, StringComparison.OrdinalIgnoreCase))
        {
            throw new DomainException("no_pending_email", T.Get("Users.NoPendingEmail"));
        }

        SetLoginEmail(PendingEmail);
        EmailConfirmed = true;
        PendingEmail = null;
    }

    /// <summary>The owner of the current address stopped a change they did not ask for.</summary>
    public void CancelEmailChange(string email)
    {
        if (PendingEmail is null || !string.Equals(PendingEmail, email, StringComparison.OrdinalIgnoreCase))
        {
            throw new DomainException("no_pending_email", T.Get("Users.NoPendingEmail"));
        }

        PendingEmail = null;
    }

    public void Deactivate(Guid actingUserId)
    {
        if (actingUserId == Id)
        {
            throw new DomainException("cannot_deactivate_self", T.Get("Users.CannotDeactivateSelf"));
        }

        if (!IsActive)
        {
            throw new DomainException("already_inactive", T.Get("Users.AlreadyInactive"));
        }

        IsActive = false;
    }

    public void Reactivate()
    {
        if (IsActive)
        {
            throw new DomainException("already_active", T.Get("Users.AlreadyActive"));
        }

        IsActive = true;
    }

    /// <summary>Roles the user holds already stay even if the acting user lacks their permissions; only new ones are checked.</summary>
    public void AssignRoles(IEnumerable<CompanyRole> roles, ActingUser by)
    {
        var list = roles.ToList();
        if (list.Any(r => r.CompanyId != CompanyId))
        {
            throw ValidationFailedException.For("roleIds", T.Get("Users.RolesOfCompany"));
        }

        if (by.UserId == Id)
        {
            throw new NotAllowedException("own_roles", T.Get("Users.CannotChangeOwnRoles"));
        }

        by.MayChange(Id);
        by.MayGrant(list.Where(r => !_roleIds.Contains(r.Id)).SelectMany(r => r.Permissions));

        _roleIds = list.Select(r => r.Id).Distinct().ToList();
    }

    public void SetBudget(OrderBudget budget, ActingUser by)
    {
        by.MayChange(Id);
        Budget = budget;
    }

    public void ChooseLanguage(string language) => Language = SupportedLanguage(language);

    /// <summary>Where SMS and WhatsApp messages go, if the user opts in to them; null removes the number.</summary>
    public void ChangeMobile(string? mobile)
    {
        PhoneNumber = string.IsNullOrWhiteSpace(mobile) ? null : MobileNumber.Normalize(mobile);
        PhoneNumberConfirmed = false;
    }

    /// <summary>Called when a set-password link was used: the address is proven to reach this user.</summary>
    public void PasswordWasSet() => EmailConfirmed = true;

    private void SetLoginEmail(string email)
    {
        var normalized = EmailAddress.Normalize(email);
        Email = normalized;
        UserName = normalized;
    }

    private static string SupportedLanguage(string language) => language is "en" ? "en" : "de";
}
