using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Platform.Data;

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

    /// <summary>How to reach these users (unknown ids left out); inactive users are included with <see cref="Contact.IsActive"/> false.</summary>
    Task<IReadOnlyList<Contact>> ContactsAsync(IReadOnlyCollection<Guid> userIds, CancellationToken ct);

    /// <summary>Sets or removes a user's mobile number (validated, stored as E.164) and returns it.</summary>
    Task<string?> ChangeMobileAsync(Guid userId, string? mobile, CancellationToken ct);
}

/// <summary>A person as other modules may address them.</summary>
public sealed record Contact(Guid UserId, Guid? CompanyId, string DisplayName, string Email, string? Mobile, string Language, bool IsActive);

internal sealed class AccountsQueries(UhrwerkDbContext db) : IAccounts
{
    public async Task<IReadOnlyDictionary<string, Guid>> CompanyIdsByCustomerNumberAsync(IReadOnlyCollection<string> customerNumbers, CancellationToken ct) =>
        await db.Companies.AsNoTracking().Where(c => customerNumbers.Contains(c.CustomerNumber))
            .ToDictionaryAsync(c => c.CustomerNumber, c => c.Id, ct);

    public async Task<IReadOnlyList<Guid>> CompanyIdsAsync(CancellationToken ct) =>
        await db.Companies.AsNoTracking().OrderBy(c => c.CustomerNumber).Select(c => c.Id).ToListAsync(ct);

    public async Task<IReadOnlyList<Contact>> ContactsAsync(IReadOnlyCollection<Guid> userIds, CancellationToken ct) =>
        await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id))
            .Select(u => new Contact(u.Id, u.CompanyId, u.DisplayName, u.Email!, u.PhoneNumber, u.Language, u.IsActive)).ToListAsync(ct);

    public async Task<string?> ChangeMobileAsync(Guid userId, string? mobile, CancellationToken ct)
    {
        var user = await db.Users.SingleAsync(u => u.Id == userId, ct);
        user.ChangeMobile(mobile);
        await db.SaveChangesAsync(ct);
        return user.PhoneNumber;
    }
}
