using Uhrwerk.Server.Platform.Auth;

namespace Uhrwerk.Server.Modules.Feedback.Domain;

/// <summary>Who answers the customer: one of the supplier's own teams (a staff role) or a partner organisation.</summary>
public sealed record CaseOwner(StaffRole? Team, Guid? PartnerId, string? PartnerName)
{
    public static readonly CaseOwner CustomerService = OfTeam(StaffRole.CustomerService);

    public static CaseOwner OfTeam(StaffRole team) => new(team, null, null);

    public static CaseOwner OfPartner(Guid partnerId, string name) => new(null, partnerId, name);

    public bool IsPartner => PartnerId is not null;
}

/// <summary>
/// Who acts on a case: a member of a partner (<see cref="PartnerId"/> set) or one of the supplier's staff with their role.
/// The one place that decides which cases a caller may see is <see cref="CaseScope"/>.
/// </summary>
public sealed record CaseActor(Guid UserId, string Name, Guid? PartnerId)
{
    public bool IsPartner => PartnerId is not null;
}
