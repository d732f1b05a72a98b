using Uhrwerk.Server.Modules.Feedback.Events;
using Uhrwerk.Server.Platform;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Feedback.Domain;

/// <summary>What the customer said that opened the case, as the case keeps it.</summary>
public sealed record CaseFacts(Guid CompanyId, Guid CustomerUserId, Guid ResponseId, Guid? OrderId, string? OrderNumber, Guid? ShipmentId, int? Nps, int? Csat,
    FeedbackReasons Reasons, string? Comment);

/// <summary>
/// A poor answer followed up: one case per survey response, owned by a team or a partner who must answer the customer by
/// <see cref="ResponseDueAt"/>; past it without a first answer it is escalated once. Only the owner resolves and closes it,
/// and a case the customer said was not solved is closed by the supplier's staff, never by a partner.
/// </summary>
public sealed class FeedbackCase : ICompanyOwned
{
    public const int MaxNoteLength = 4000;

    private static readonly Dictionary<CaseStatus, CaseStatus[]> Transitions = new()
    {
        [CaseStatus.Open] = [CaseStatus.Acknowledged, CaseStatus.InProgress, CaseStatus.Resolved],
        [CaseStatus.Acknowledged] = [CaseStatus.InProgress, CaseStatus.Resolved],
        [CaseStatus.InProgress] = [CaseStatus.Resolved],
        [CaseStatus.Resolved] = [CaseStatus.Closed, CaseStatus.InProgress],
        [CaseStatus.Closed] = [CaseStatus.InProgress],
    };

    private readonly List<CaseNote> notes = [];

    private FeedbackCase() { }

    public Guid Id { get; private set; }
    public string Number { get; private set; } = "";
    public Guid? CompanyId { get; private set; }
    public Guid CustomerUserId { get; private set; }
    public Guid ResponseId { get; private set; }
    public CaseOrigin Origin { get; private set; }
    public Guid? OrderId { get; private set; }
    public string? OrderNumber { get; private set; }
    public Guid? ShipmentId { get; private set; }
    public int? Nps { get; private set; }
    public int? Csat { get; private set; }
    public FeedbackReasons Reasons { get; private set; }
    public string? Comment { get; private set; }
    public StaffRole? OwnerTeam { get; private set; }
    public Guid? OwnerPartnerId { get; private set; }
    public string? OwnerPartnerName { get; private set; }

    /// <summary>The routing rule that chose the owner; null for the default (customer service) or a reassignment.</summary>
    public Guid? RoutedByRuleId { get; private set; }

    public CaseStatus Status { get; private set; }
    public DateTimeOffset OpenedAt { get; private set; }
    public DateTimeOffset ResponseDueAt { get; private set; }
    public DateTimeOffset? AcknowledgedAt { get; private set; }

    /// <summary>When the customer first got an answer (a note visible to them).</summary>
    public DateTimeOffset? FirstResponseAt { get; private set; }

    public DateTimeOffset? ResolvedAt { get; private set; }
    public string? Resolution { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public DateTimeOffset? EscalatedAt { get; private set; }
    public StaffRole? EscalatedTo { get; private set; }

    /// <summary>The customer answered the follow-up that it was not solved; from then on a partner cannot close it.</summary>
    public bool CustomerSaidUnsolved { get; private set; }

    public int Version { get; private set; }

    public IReadOnlyList<CaseNote> Notes => notes;

    public CaseOwner Owner => new(OwnerTeam, OwnerPartnerId, OwnerPartnerName);

    public bool IsOverdue(DateTimeOffset now) => FirstResponseAt is null && now >= ResponseDueAt && Status is not (CaseStatus.Resolved or CaseStatus.Closed);

    public static FeedbackCase Open(CaseFacts facts, CaseOrigin origin, CaseOwner owner, Guid? ruleId, DateTimeOffset dueAt, DateTimeOffset now)
    {
        var id = Guid.CreateVersion7(now);
        var opened = new FeedbackCase
        {
            Id = id,
            // The last hex digits of a v7 id are random: short enough to say on the phone, unique enough with the index behind them.
            Number = $"FB-{BerlinTime.DateOf(now):yyMMdd}-{id.ToString("N")[^6..].ToUpperInvariant()}",
            CompanyId = facts.CompanyId,
            CustomerUserId = facts.CustomerUserId,
            ResponseId = facts.ResponseId,
            Origin = origin,
            OrderId = facts.OrderId,
            OrderNumber = facts.OrderNumber,
            ShipmentId = facts.ShipmentId,
            Nps = facts.Nps,
            Csat = facts.Csat,
            Reasons = facts.Reasons,
            Comment = facts.Comment,
            RoutedByRuleId = ruleId,
            Status = CaseStatus.Open,
            OpenedAt = now,
            ResponseDueAt = dueAt,
        };
        opened.SetOwner(owner);
        return opened;
    }

    /// <summary>The owner has seen it and takes it on.</summary>
    public void Acknowledge(CaseActor by, DateTimeOffset now)
    {
        EnsureOwner(by);
        MoveTo(CaseStatus.Acknowledged);
        AcknowledgedAt = now;
    }

    /// <summary>
    /// A note on the case. One the customer sees is an answer: it counts as the first response and puts the case in progress;
    /// an internal note changes nothing else. Answers the event to publish, if any.
    /// </summary>
    public CaseAnswered? AddNote(CaseActor by, string text, bool visibleToCustomer, DateTimeOffset now)
    {
        EnsureOwner(by);
        text = text.Trim();
        if (text.Length is 0 or > MaxNoteLength)
        {
            throw ValidationFailedException.For("text", T.Format("Feedback.Case.NoteLength", MaxNoteLength));
        }

        if (Status == CaseStatus.Closed)
        {
            throw new DomainException("case-closed", T.Get("Feedback.Case.Closed"));
        }

        var note = CaseNote.Write(Id, by, PlainText.Text("text", text)!, visibleToCustomer, now);
        notes.Add(note);
        Version++;
        if (!visibleToCustomer)
        {
            return null;
        }

        FirstResponseAt ??= now;
        if (Status is CaseStatus.Open or CaseStatus.Acknowledged)
        {
            MoveTo(CaseStatus.InProgress);
        }

        return new CaseAnswered(Id, Number, CompanyId!.Value, CustomerUserId, note.Text, now);
    }

    public CaseResolved Resolve(CaseActor by, string? resolution, DateTimeOffset now)
    {
        EnsureOwner(by);
        MoveTo(CaseStatus.Resolved);
        ResolvedAt = now;
        Resolution = PlainText.Text("resolution", string.IsNullOrWhiteSpace(resolution) ? null : resolution.Trim());
        return new CaseResolved(Id, Number, CompanyId!.Value, CustomerUserId, ResponseId, now, Resolution);
    }

    public void Close(CaseActor by, DateTimeOffset now)
    {
        EnsureOwner(by);
        if (CustomerSaidUnsolved && by.IsPartner)
        {
            throw new DomainException("case-unsolved-partner-close", T.Get("Feedback.Case.UnsolvedNotByPartner"));
        }

        MoveTo(CaseStatus.Closed);
        ClosedAt = now;
    }

    /// <summary>The customer answered the follow-up: not solved. The case is worked on again. Answers false when it was not resolved (nothing to reopen).</summary>
    public bool CustomerSaysUnsolved(DateTimeOffset now)
    {
        if (Status is not (CaseStatus.Resolved or CaseStatus.Closed))
        {
            return false;
        }

        CustomerSaidUnsolved = true;
        MoveTo(CaseStatus.InProgress);
        ResolvedAt = null;
        ClosedAt = null;
        return true;
    }

    /// <summary>Staff hand the case to another team or partner; a partner never reassigns.</summary>
    public void Reassign(CaseActor by, CaseOwner owner)
    {
        if (by.IsPartner)
        {
            throw new NotAllowedException("case-reassign-partner", T.Get("Feedback.Case.NotOwner"));
        }

        if (Status == CaseStatus.Closed)
        {
            throw new DomainException("case-closed", T.Get("Feedback.Case.Closed"));
        }

        SetOwner(owner);
        RoutedByRuleId = null;
    }

    /// <summary>
    /// Past the due time without a first answer the case goes to the customer-service lead, once. Answers false when it is not
    /// due, was answered, or was escalated before (another instance was quicker), so the lead and the owner are told once.
    /// </summary>
    public bool Escalate(StaffRole lead, DateTimeOffset now)
    {
        if (EscalatedAt is not null || !IsOverdue(now))
        {
            return false;
        }

        EscalatedAt = now;
        EscalatedTo = lead;
        Version++;
        return true;
    }

    /// <summary>A partner works only on the cases routed to them; staff on any.</summary>
    public void EnsureOwner(CaseActor by)
    {
        if (by.IsPartner && by.PartnerId != OwnerPartnerId)
        {
            throw new NotAllowedException("case-not-owner", T.Get("Feedback.Case.NotOwner"));
        }
    }

    private void SetOwner(CaseOwner owner)
    {
        OwnerTeam = owner.Team;
        OwnerPartnerId = owner.PartnerId;
        OwnerPartnerName = owner.PartnerName;
        Version++;
    }

    private void MoveTo(CaseStatus next)
    {
        if (!Transitions[Status].Contains(next))
        {
            throw new DomainException("case-status", T.Format("Feedback.Case.Transition", Status, next));
        }

        Status = next;
        Version++;
    }
}

/// <summary>A note on a case: internal for the owner and staff, or visible to the customer (an answer).</summary>
public sealed class CaseNote
{
    private CaseNote() { }

    public Guid Id { get; private set; }
    public Guid CaseId { get; private set; }
    public Guid AuthorId { get; private set; }
    public string AuthorName { get; private set; } = "";
    public string Text { get; private set; } = "";
    public bool VisibleToCustomer { get; private set; }
    public DateTimeOffset WrittenAt { get; private set; }

    internal static CaseNote Write(Guid caseId, CaseActor by, string text, bool visible, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        CaseId = caseId,
        AuthorId = by.UserId,
        AuthorName = by.Name,
        Text = text,
        VisibleToCustomer = visible,
        WrittenAt = now,
    };
}
