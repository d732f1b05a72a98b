using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Accounts.Domain;
using Uhrwerk.Server.Modules.Accounts.Events;
using Uhrwerk.Server.Modules.Accounts.Identity;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Accounts;

/// <summary>What other modules may ask the customer center. Everything else in Accounts is internal to it.</summary>
public interface IAccounts
{
    /// <summary>
    /// The ids of the active customer-center companies with these ERP customer numbers, keyed by
    /// customer number; numbers without a company are left out. Scoped to the caller's company.
    /// </summary>
    Task<IReadOnlyDictionary<string, Guid>> CompanyIdsByCustomerNumberAsync(IReadOnlyCollection<string> customerNumbers, CancellationToken ct);

    /// <summary>The ids of all companies the caller may see (all of them for staff and system jobs).</summary>
    Task<IReadOnlyList<Guid>> CompanyIdsAsync(CancellationToken ct);

    /// <summary>The names of these companies, keyed by id; unknown ids left out.</summary>
    Task<IReadOnlyDictionary<Guid, string>> CompanyNamesAsync(IReadOnlyCollection<Guid> companyIds, CancellationToken ct);

    /// <summary>The active users of a company, by name.</summary>
    Task<IReadOnlyList<Contact>> ColleaguesAsync(Guid companyId, CancellationToken ct);

    /// <summary>How to reach these users (unknown ids left out); inactive users are included with <see cref="Contact.IsActive"/> false.</summary>
    Task<IReadOnlyList<Contact>> ContactsAsync(IReadOnlyCollection<Guid> userIds, CancellationToken ct);

    /// <summary>The active staff users with this role, e.g. the team a feedback case is routed to.</summary>
    Task<IReadOnlyList<Guid>> ActiveStaffAsync(StaffRole role, CancellationToken ct);

    /// <summary>
    /// Adds a staff user with this role (e.g. a partner's portal user) in the caller's unit of work and sends the invitation to set a
    /// password with it; an address already in use is refused. Answers the new user's id.
    /// </summary>
    Task<Guid> InviteStaffAsync(string displayName, string email, string language, StaffRole role, CancellationToken ct);

    /// <summary>Those of these users who are active and hold the permission through one of their roles.</summary>
    Task<IReadOnlySet<Guid>> ActiveHoldersOfAsync(IReadOnlyCollection<Guid> userIds, Permission permission, CancellationToken ct);

    /// <summary>The company's roles by name and which roles each of its users holds.</summary>
    Task<CompanyRoleMap> RolesAsync(Guid companyId, CancellationToken ct);

    /// <summary>What ordering needs to know about a user: their budget and their company's main contact; null for unknown users.</summary>
    Task<BuyerProfile?> BuyerProfileAsync(Guid userId, CancellationToken ct);

    /// <summary>The users of a company with their order budgets, by name; for reading, so no right to manage users is needed.</summary>
    Task<IReadOnlyList<BudgetHolder>> BudgetsAsync(Guid companyId, CancellationToken ct);

    /// <summary>
    /// Records a change another module made for a company (e.g. an approver designation) in its audit
    /// log, in the caller's unit of work, so that it commits with the change or not at all.
    /// </summary>
    void RecordChange(Guid companyId, string action, string subject, object? before, object? after);

    /// <summary>Sets or removes a user's mobile number (validated, stored as E.164) and returns it.</summary>
    Task<string?> ChangeMobileAsync(Guid userId, string? mobile, CancellationToken ct);
}

/// <summary>A user's order budget as the main contact set it; null limits mean "no limit". The period is 1, 3 or 12 months.</summary>
public sealed record BuyerBudget(int? MaxQuantityPerOrder, decimal? MaxOrderValue, decimal? PeriodAmount, int? PeriodMonths);

/// <summary>A user and the order budget the main contact set for them.</summary>
public sealed record BudgetHolder(Guid UserId, string DisplayName, BuyerBudget Budget);

/// <param name="ShipTo">The company's addresses goods can go to, shipping addresses first.</param>
public sealed record BuyerProfile(Guid UserId, Guid? CompanyId, string DisplayName, BuyerBudget Budget, Guid? MainContactId, IReadOnlyList<ShipToAddress> ShipTo, string? CustomerNumber)
{
    /// <summary>Each address on one line, as people choose between them.</summary>
    public IReadOnlyList<string> ShipToAddresses => ShipTo.Select(a => a.Label).ToList();
}

/// <summary>An address goods can go to: on one line for people, postal code and ISO country for delivery promises.</summary>
public sealed record ShipToAddress(string Label, string PostalCode, string Country);

public sealed record CompanyRoleMap(IReadOnlyDictionary<Guid, string> Names, IReadOnlyDictionary<Guid, IReadOnlyList<Guid>> OfUser)
{
    public IReadOnlyList<Guid> Of(Guid userId) => OfUser.GetValueOrDefault(userId) ?? [];
}

/// <summary>A person as other modules may address them.</summary>
public sealed record Contact(Guid UserId, Guid? CompanyId, string DisplayName, string Email, string? Mobile, string Language, bool IsActive);

internal sealed class AccountsQueries(UhrwerkDbContext db, CustomerCenterLog log, UserManager<UserAccount> users, AccountLinks links, TimeProvider clock) : IAccounts
{
    public async Task<IReadOnlyList<Guid>> ActiveStaffAsync(StaffRole role, CancellationToken ct) =>
        await db.Users.AsNoTracking().Where(u => u.StaffRole == role && u.IsActive).OrderBy(u => u.Id).Select(u => u.Id).ToListAsync(ct);

    public async Task<Guid> InviteStaffAsync(string displayName, string email, string language, StaffRole role, CancellationToken ct)
    {
        email = EmailAddress.Normalize(email);
        if (await users.FindByEmailAsync(email) is not null)
        {
            throw ValidationFailedException.For("email", T.Get("Users.EmailInUse"));
        }

        var user = UserAccount.NewStaff(displayName, email, role, clock.GetUtcNow());
        user.ChooseLanguage(language);
        await NewUsers.PrepareAsync(users, user);
        db.Users.Add(user);
        db.Publish(await links.SetPasswordAsync(user, LinkPurpose.Invitation), null, user.Id);
        return user.Id;
    }

    public async Task<IReadOnlyDictionary<string, Guid>> CompanyIdsByCustomerNumberAsync(IReadOnlyCollection<string> customerNumbers, CancellationToken ct) =>
        await db.Companies.AsNoTracking().Where(c => customerNumbers.Contains(c.CustomerNumber))
            .ToDictionaryAsync(c => c.CustomerNumber, c => c.Id, ct);

    public async Task<IReadOnlyList<Guid>> CompanyIdsAsync(CancellationToken ct) =>
        await db.Companies.AsNoTracking().OrderBy(c => c.CustomerNumber).Select(c => c.Id).ToListAsync(ct);

    public async Task<IReadOnlyDictionary<Guid, string>> CompanyNamesAsync(IReadOnlyCollection<Guid> companyIds, CancellationToken ct) =>
        await db.Companies.AsNoTracking().Where(c => companyIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);

    public async Task<IReadOnlyList<Contact>> ColleaguesAsync(Guid companyId, CancellationToken ct) =>
        await db.Users.AsNoTracking().Where(u => u.CompanyId == companyId && u.IsActive).OrderBy(u => u.DisplayName)
            .Select(u => new Contact(u.Id, u.CompanyId, u.DisplayName, u.Email!, u.PhoneNumber, u.Language, u.IsActive)).ToListAsync(ct);

    public async Task<IReadOnlyList<Contact>> ContactsAsync(IReadOnlyCollection<Guid> userIds, CancellationToken ct) =>
        await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id))
            .Select(u => new Contact(u.Id, u.CompanyId, u.DisplayName, u.Email!, u.PhoneNumber, u.Language, u.IsActive)).ToListAsync(ct);

    public async Task<IReadOnlySet<Guid>> ActiveHoldersOfAsync(IReadOnlyCollection<Guid> userIds, Permission permission, CancellationToken ct)
    {
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id) && u.IsActive && u.StaffRole == null).ToListAsync(ct);
        var roleIds = users.SelectMany(u => u.RoleIds).Distinct().ToList();
        var granting = (await db.CompanyRoles.AsNoTracking().Where(r => roleIds.Contains(r.Id)).ToListAsync(ct))
            .Where(r => r.Permissions.Contains(permission)).Select(r => r.Id).ToHashSet();
        return users.Where(u => u.RoleIds.Any(granting.Contains)).Select(u => u.Id).ToHashSet();
    }

    public async Task<CompanyRoleMap> RolesAsync(Guid companyId, CancellationToken ct)
    {
        var names = await db.CompanyRoles.AsNoTracking().Where(r => r.CompanyId == companyId).OrderBy(r => r.Name).ToDictionaryAsync(r => r.Id, r => r.Name, ct);
        var users = await db.Users.AsNoTracking().Where(u => u.CompanyId == companyId).ToListAsync(ct);
        return new CompanyRoleMap(names, users.ToDictionary(u => u.Id, u => (IReadOnlyList<Guid>)u.RoleIds.ToList()));
    }

    public async Task<BuyerProfile?> BuyerProfileAsync(Guid userId, CancellationToken ct)
    {
        var found = await (from u in db.Users.AsNoTracking()
                           where u.Id == userId
                           join c in db.Companies.AsNoTracking() on u.CompanyId equals (Guid?)c.Id into companies
                           from c in companies.DefaultIfEmpty()
                           select new { User = u, Company = c }).SingleOrDefaultAsync(ct);
        if (found is not { User: var user, Company: var company })
        {
            return null;
        }

        var addresses = (company?.Addresses ?? []).OrderBy(a => a.Kind == Domain.AddressKind.Shipping ? 0 : 1)
            .Select(a => new ShipToAddress($"{company!.Name}, {a.Street}, {a.PostalCode} {a.City}, {a.Country}", a.PostalCode, a.Country)).DistinctBy(a => a.Label).ToList();
        return new BuyerProfile(user.Id, user.CompanyId, user.DisplayName, BudgetOf(user.Budget), company?.MainContactUserId, addresses, company?.CustomerNumber);
    }

    public async Task<IReadOnlyList<BudgetHolder>> BudgetsAsync(Guid companyId, CancellationToken ct) =>
        (await db.Users.AsNoTracking().Where(u => u.CompanyId == companyId).OrderBy(u => u.DisplayName).ToListAsync(ct))
            .Select(u => new BudgetHolder(u.Id, u.DisplayName, BudgetOf(u.Budget))).ToList();

    public void RecordChange(Guid companyId, string action, string subject, object? before, object? after) =>
        log.Record(companyId, action, subject, before, after, null);

    private static BuyerBudget BudgetOf(Domain.OrderBudget budget) =>
        new(budget.MaxQuantityPerOrder, budget.MaxOrderValue, budget.PeriodAmount,
            budget.Period switch { Domain.BudgetPeriod.Month => 1, Domain.BudgetPeriod.Quarter => 3, Domain.BudgetPeriod.Year => 12, _ => (int?)null });

    public async Task<string?> ChangeMobileAsync(Guid userId, string? mobile, CancellationToken ct)
    {
        var user = await db.Users.SingleAsync(u => u.Id == userId, ct);
        user.ChangeMobile(mobile);
        await db.SaveChangesAsync(ct);
        return user.PhoneNumber;
    }
}
