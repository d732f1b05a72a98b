using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Accounts.Domain;
using Uhrwerk.Server.Modules.Accounts.Events;
using Uhrwerk.Server.Modules.Accounts.Identity;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Accounts.ManageUsers;

public sealed record CreateUserRequest(
    [property: Required, StringLength(200)] string DisplayName,
    [property: Required, StringLength(254)] string Email,
    [property: RegularExpression("de|en")] string? Language,
    IReadOnlyList<Guid>? RoleIds,
    BudgetRequest? Budget);

public sealed record BudgetRequest(int? MaxQuantityPerOrder, decimal? MaxOrderValue, decimal? PeriodAmount, BudgetPeriod? Period)
{
    public OrderBudget ToBudget() => OrderBudget.Create(MaxQuantityPerOrder, MaxOrderValue, PeriodAmount, Period);
}

public sealed record RenameUserRequest([property: Required, StringLength(200)] string DisplayName);

public sealed record ChangeEmailRequest([property: Required, StringLength(254)] string Email);

public sealed record AssignRolesRequest([property: Required] IReadOnlyList<Guid> RoleIds);

public sealed record UserResponse(Guid Id, string DisplayName, string Email, string? PendingEmail, bool IsActive, bool IsMainContact, string Language,
    IReadOnlyList<RoleRef> Roles, OrderBudget Budget, bool HasPassword);

public sealed record RoleRef(Guid Id, string Name);

/// <summary>The main contact's actions on the users of their company. Each loads, acts, logs and saves once.</summary>
internal sealed class CompanyUsers(UhrwerkDbContext db, UserManager<UserAccount> users, CurrentUser current, AccountLinks links, CustomerCenterLog log, TimeProvider clock)
{
    public async Task<IReadOnlyList<UserResponse>> ListAsync(CancellationToken ct)
    {
        var companyId = current.RequiredCompanyId;
        var list = await db.Users.AsNoTracking().Where(u => u.CompanyId == companyId).OrderBy(u => u.DisplayName).ToListAsync(ct);
        return await ToResponsesAsync(list, ct);
    }

    public async Task<UserResponse?> FindAsync(Guid userId, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId && u.CompanyId == current.CompanyId, ct);
        return user is null ? null : (await ToResponsesAsync([user], ct))[0];
    }

    public async Task<UserResponse> CreateAsync(CreateUserRequest request, CancellationToken ct)
    {
        RequestValidation.Validate(request);
        var company = await MyCompanyAsync(ct);
        var email = EmailAddress.Normalize(request.Email);
        var roles = await RolesAsync(request.RoleIds ?? [], ct);
        var user = UserAccount.NewCustomerUser(company.Id, request.DisplayName, email, request.Language ?? current.Language, roles, Acting(company), clock.GetUtcNow());
        if (await users.FindByEmailAsync(email) is not null)
        {
            throw ValidationFailedException.For("email", T.Get("Users.EmailInUse"));
        }

        if (request.Budget is not null)
        {
            user.SetBudget(request.Budget.ToBudget(), Acting(company));
        }

        await NewUsers.PrepareAsync(users, user);
        db.Users.Add(user);
        log.Record(company.Id, "user.created", email, null, UserSnapshot.Of(user), Contact(company, user, "created"));
        db.Publish(await links.SetPasswordAsync(user, LinkPurpose.Invitation), company.Id);
        await db.SaveChangesAsync(ct);
        return (await ToResponsesAsync([user], ct))[0];
    }

    /// <summary>Takes an ERP-known contact of the company over as a user in one step, invited like any new user.</summary>
    public async Task<UserResponse?> TakeOverErpContactAsync(Guid contactId, CancellationToken ct)
    {
        var company = await MyCompanyAsync(ct);
        var contact = await db.ErpContacts.AsNoTracking().SingleOrDefaultAsync(c => c.Id == contactId && c.CustomerNumber == company.CustomerNumber, ct);
        if (contact is null)
        {
            return null;
        }

        var buyer = await db.CompanyRoles.Where(r => r.Predefined == PredefinedRole.Buyer).Select(r => r.Id).ToListAsync(ct);
        return await CreateAsync(new CreateUserRequest(contact.Name, contact.Email, null, buyer, null), ct);
    }

    public Task<UserResponse?> RenameAsync(Guid userId, RenameUserRequest request, CancellationToken ct)
    {
        RequestValidation.Validate(request);
        return ChangeAsync(userId, "user.renamed", (user, company) => { user.Rename(request.DisplayName, Acting(company)); return Task.CompletedTask; }, ct);
    }

    public Task<UserResponse?> ChangeEmailAsync(Guid userId, ChangeEmailRequest request, CancellationToken ct)
    {
        RequestValidation.Validate(request);
        return ChangeAsync(userId, "user.email_change_requested", async (user, company) =>
        {
            var email = EmailAddress.Normalize(request.Email);
            user.RequestEmailChange(email, Acting(company));
            if (await users.FindByEmailAsync(email) is not null)
            {
                throw ValidationFailedException.For("email", T.Get("Users.EmailInUse"));
            }

            db.Publish(await links.ConfirmEmailAsync(user, email), company.Id);
            db.Publish(await links.ReportEmailChangeAsync(user, email), company.Id);
        }, ct);
    }

    public Task<UserResponse?> DeactivateAsync(Guid userId, CancellationToken ct) =>
        ChangeAsync(userId, "user.deactivated", (user, company) =>
        {
            if (company.MainContactUserId == user.Id)
            {
                throw new DomainException("main_contact", T.Get("Users.MainContactStaysActive"));
            }

            user.Deactivate(current.RequiredUserId);
            user.SecurityStamp = Guid.NewGuid().ToString("N");
            return Task.CompletedTask;
        }, ct);

    public Task<UserResponse?> ReactivateAsync(Guid userId, CancellationToken ct) =>
        ChangeAsync(userId, "user.reactivated", (user, _) => { user.Reactivate(); return Task.CompletedTask; }, ct);

    public Task<UserResponse?> AssignRolesAsync(Guid userId, AssignRolesRequest request, CancellationToken ct)
    {
        RequestValidation.Validate(request);
        return ChangeAsync(userId, "user.roles_changed", async (user, company) =>
        {
            user.AssignRoles(await RolesAsync(request.RoleIds, ct), Acting(company));
        }, ct);
    }

    public Task<UserResponse?> SetBudgetAsync(Guid userId, BudgetRequest request, CancellationToken ct)
    {
        RequestValidation.Validate(request);
        return ChangeAsync(userId, "user.budget_changed", (user, company) => { user.SetBudget(request.ToBudget(), Acting(company)); return Task.CompletedTask; }, ct);
    }

    private async Task<UserResponse?> ChangeAsync(Guid userId, string action, Func<UserAccount, Company, Task> change, CancellationToken ct)
    {
        var company = await MyCompanyAsync(ct);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId && u.CompanyId == company.Id, ct);
        if (user is null)
        {
            return null;
        }

        var before = UserSnapshot.Of(user);
        await change(user, company);
        log.Record(company.Id, action, user.Email!, before, UserSnapshot.Of(user), Contact(company, user, action));
        await db.SaveChangesAsync(ct);
        return (await ToResponsesAsync([user], ct))[0];
    }

    private ActingUser Acting(Company company) => new(current.RequiredUserId, current.Permissions, company.MainContactUserId);

    private async Task<Company> MyCompanyAsync(CancellationToken ct)
    {
        var companyId = current.RequiredCompanyId;
        return await db.Companies.SingleAsync(c => c.Id == companyId, ct);
    }

    private async Task<List<CompanyRole>> RolesAsync(IReadOnlyList<Guid> roleIds, CancellationToken ct)
    {
        var companyId = current.RequiredCompanyId;
        var roles = await db.CompanyRoles.Where(r => roleIds.Contains(r.Id) && r.CompanyId == companyId).ToListAsync(ct);
        if (roles.Count != roleIds.Distinct().Count())
        {
            throw ValidationFailedException.For("roleIds", T.Get("Users.UnknownRole"));
        }

        return roles;
    }

    private static ContactChanged Contact(Company company, UserAccount user, string change) =>
        new(company.Id, company.CustomerNumber, user.Id, user.Email!, user.DisplayName, user.IsActive, change);

    private async Task<List<UserResponse>> ToResponsesAsync(IReadOnlyList<UserAccount> list, CancellationToken ct)
    {
        var companyId = current.RequiredCompanyId;
        var roles = await db.CompanyRoles.AsNoTracking().Where(r => r.CompanyId == companyId).ToDictionaryAsync(r => r.Id, r => r.Name, ct);
        var mainContact = await db.Companies.Where(c => c.Id == companyId).Select(c => c.MainContactUserId).SingleAsync(ct);
        return list.Select(u => new UserResponse(u.Id, u.DisplayName, u.Email ?? "", u.PendingEmail, u.IsActive, u.Id == mainContact, u.Language,
            u.RoleIds.Where(roles.ContainsKey).Select(id => new RoleRef(id, roles[id])).ToList(), u.Budget, u.PasswordHash is not null)).ToList();
    }
}
