using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Accounts.Domain;

/// <summary>
/// Who changes the users and roles of a company, with the permissions they hold. The right to
/// manage users must not become a way to raise anybody, oneself included, above one's own rights,
/// nor to take the company over from its main contact.
/// </summary>
public sealed record ActingUser(Guid? UserId, IReadOnlySet<Permission> Permissions, Guid? MainContactId)
{
    /// <summary>The customer center itself: self-activation and the demo data.</summary>
    public static readonly ActingUser System = new(null, Platform.Auth.Permissions.Customer.ToHashSet(), null);

    public bool IsMainContact => UserId is not null && UserId == MainContactId;

    /// <summary>The main contact's name, e-mail, budget and roles are theirs alone to change.</summary>
    public void MayChange(Guid userId)
    {
        if (userId == MainContactId && !IsMainContact)
        {
            throw new NotAllowedException("main_contact_only", T.Get("Users.OnlyMainContactChangesMainContact"));
        }
    }

    /// <summary>Nobody hands out a permission they do not hold themselves.</summary>
    public void MayGrant(IEnumerable<Permission> permissions)
    {
        var missing = permissions.Distinct().Where(p => !Permissions.Contains(p)).Order().ToList();
        if (missing.Count > 0)
        {
            throw new NotAllowedException("permission_not_held",
                T.Format("Roles.CannotGrantWhatYouLack", string.Join(", ", missing.Select(p => T.Get("Permission." + p)))));
        }
    }
}
