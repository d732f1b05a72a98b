using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Problems;
using Uhrwerk.Server.Platform.Localization;

namespace Uhrwerk.Server.Modules.Ordering.Domain;

/// <summary>
/// A user the main contact designated to approve orders of the company, optionally only for one
/// buyer or for the buyers holding one role, and up to a limit; above the limit the order
/// escalates to the main contact.
/// </summary>
public sealed class Approver : ICompanyOwned
{
    private Approver() { }

    public Guid Id { get; private set; }
    public Guid? CompanyId { get; private set; }
    public Guid UserId { get; private set; }
    public string Name { get; private set; } = "";
    public decimal? Limit { get; private set; }

    /// <summary>Only this buyer's orders; null for every buyer of the company.</summary>
    public Guid? ForBuyerId { get; private set; }

    /// <summary>Only orders of buyers holding this role; null for every role.</summary>
    public Guid? ForRoleId { get; private set; }

    public static Approver Designate(Guid companyId, Guid userId, string name, decimal? limit, Guid? forBuyerId, Guid? forRoleId, Designator by) =>
        new Approver { Id = Guid.NewGuid(), CompanyId = companyId, UserId = userId }.Redesignate(name, limit, forBuyerId, forRoleId, by);

    /// <summary>A user is designated once; designating them again replaces scope and limit.</summary>
    public Approver Redesignate(string name, decimal? limit, Guid? forBuyerId, Guid? forRoleId, Designator by)
    {
        by.MustBeMainContact();
        if (limit is <= 0)
        {
            throw ValidationFailedException.For("limit", T.Get("Ordering.ApprovalLimit"));
        }

        if (forBuyerId is not null && forRoleId is not null)
        {
            throw ValidationFailedException.For("forRoleId", T.Get("Ordering.BuyerOrRole"));
        }

        (Name, Limit, ForBuyerId, ForRoleId) = (name, limit, forBuyerId, forRoleId);
        return this;
    }
}

/// <summary>
/// Who names approvers and their limits: only the main contact, since an approver decides how much
/// of the company's money others spend, and a designation of oneself would approve without limit.
/// </summary>
public sealed record Designator(Guid UserId, Guid? MainContactId)
{
    public void MustBeMainContact()
    {
        if (UserId != MainContactId)
        {
            throw new NotAllowedException("main_contact_only", T.Get("Approvers.MainContactOnly"));
        }
    }
}

/// <summary>An approver's time away; their approvals go to the deputy, or to the main contact without one.</summary>
public sealed class Absence : ICompanyOwned
{
    private Absence() { }

    public Guid Id { get; private set; }
    public Guid? CompanyId { get; private set; }
    public Guid UserId { get; private set; }
    public DateOnly From { get; private set; }
    public DateOnly To { get; private set; }
    public Guid? DeputyId { get; private set; }

    /// <summary>The day the deputy was told they take over; at most once per absence.</summary>
    public DateOnly? DeputyToldOn { get; private set; }

    public static Absence Record(Guid companyId, Guid userId, DateOnly from, DateOnly to, Guid? deputyId)
    {
        if (to < from)
        {
            throw ValidationFailedException.For("to", T.Get("Ordering.AbsenceEnd"));
        }

        if (deputyId == userId)
        {
            throw ValidationFailedException.For("deputyId", T.Get("Ordering.OwnDeputy"));
        }

        return new Absence { Id = Guid.NewGuid(), CompanyId = companyId, UserId = userId, From = from, To = to, DeputyId = deputyId };
    }

    public bool Covers(DateOnly day) => From <= day && day <= To;

    public void DeputyTold(DateOnly day) => DeputyToldOn ??= day;
}

/// <summary>Why a person may decide an order.</summary>
public enum ApprovalReason { Designated, Deputy, MainContactFallback, AboveLimit }

public sealed record RoutedApprover(Guid UserId, ApprovalReason Reason, Guid? OnBehalfOf);

/// <summary>
/// Who decides an order right now: the designated approvers (those for this buyer if any, else
/// those for one of the buyer's roles, else those for everybody); an absent one is replaced by their deputy or the main contact; one whose
/// limit the order exceeds by the main contact; with none, the main contact. Never the buyer.
/// </summary>
public static class ApprovalRouting
{
    public static IReadOnlyList<RoutedApprover> For(Guid buyerId, IReadOnlyCollection<Guid> buyerRoleIds, decimal total, IReadOnlyList<Approver> approvers, IReadOnlyList<Absence> absences, Guid? mainContactId, DateOnly today)
    {
        var designated = approvers.Where(a => a.ForBuyerId == buyerId).ToList();
        if (designated.Count == 0)
        {
            designated = approvers.Where(a => a.ForRoleId is { } role && buyerRoleIds.Contains(role)).ToList();
        }

        if (designated.Count == 0)
        {
            designated = approvers.Where(a => a.ForBuyerId is null && a.ForRoleId is null).ToList();
        }

        var routed = new List<RoutedApprover>();
        foreach (var approver in designated.Where(a => a.UserId != buyerId))
        {
            if (approver.Limit is { } limit && total > limit)
            {
                routed.Add(new RoutedApprover(mainContactId ?? Guid.Empty, ApprovalReason.AboveLimit, approver.UserId));
            }
            else if (absences.FirstOrDefault(a => a.UserId == approver.UserId && a.Covers(today)) is { } absence)
            {
                routed.Add(absence.DeputyId is { } deputy && !absences.Any(a => a.UserId == deputy && a.Covers(today))
                    ? new RoutedApprover(deputy, ApprovalReason.Deputy, approver.UserId)
                    : new RoutedApprover(mainContactId ?? Guid.Empty, ApprovalReason.MainContactFallback, approver.UserId));
            }
            else
            {
                routed.Add(new RoutedApprover(approver.UserId, ApprovalReason.Designated, null));
            }
        }

        if (routed.Count == 0)
        {
            routed.Add(new RoutedApprover(mainContactId ?? Guid.Empty, ApprovalReason.MainContactFallback, null));
        }

        return routed.Where(r => r.UserId != Guid.Empty && r.UserId != buyerId).DistinctBy(r => r.UserId).ToList();
    }
}
