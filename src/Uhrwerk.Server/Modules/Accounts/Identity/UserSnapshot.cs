using Uhrwerk.Server.Modules.Accounts.Domain;

namespace Uhrwerk.Server.Modules.Accounts.Identity;

/// <summary>What the audit log keeps of a user before and after a change.</summary>
public sealed record UserSnapshot(string DisplayName, string Email, string? PendingEmail, bool IsActive, IReadOnlyList<Guid> RoleIds, OrderBudget Budget)
{
    public static UserSnapshot Of(UserAccount user) =>
        new(user.DisplayName, user.Email ?? "", user.PendingEmail, user.IsActive, user.RoleIds.ToList(), user.Budget);
}
