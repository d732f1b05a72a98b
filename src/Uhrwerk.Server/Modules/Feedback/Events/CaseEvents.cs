using Uhrwerk.Server.Platform.Outbox;

namespace Uhrwerk.Server.Modules.Feedback.Events;

// What a case tells the rest of the system, after the change committed (CaseResolved is in FeedbackEvents). The aggregate is the case.

/// <summary>
/// A case was opened from a customer's answer and routed: the customer is told who answers (<paramref name="OwnerName"/>, a team
/// name key or the partner's name) and by when.
/// </summary>
[Event("CaseOpened", 1)]
public sealed record CaseOpened(Guid CaseId, string CaseNumber, Guid CompanyId, Guid CustomerUserId, string Origin, string? OwnerTeam, Guid? OwnerPartnerId,
    string? OwnerPartnerName, DateTimeOffset OpenedAt, DateTimeOffset ResponseDueAt);

/// <summary>The owner answered the customer on a case (a note visible to them).</summary>
[Event("CaseAnswered", 1)]
public sealed record CaseAnswered(Guid CaseId, string CaseNumber, Guid CompanyId, Guid CustomerUserId, string Answer, DateTimeOffset AnsweredAt);

/// <summary>
/// A case passed its response due time without an answer and went to the customer-service lead. <paramref name="LeadUserIds"/> are
/// told to take it over, <paramref name="OwnerUserIds"/> (the owning team or the partner's users) that it was escalated.
/// </summary>
[Event("CaseEscalated", 1)]
public sealed record CaseEscalated(Guid CaseId, string CaseNumber, Guid CompanyId, string? OwnerTeam, string? OwnerPartnerName, DateTimeOffset ResponseDueAt,
    DateTimeOffset EscalatedAt, IReadOnlyList<Guid> LeadUserIds, IReadOnlyList<Guid> OwnerUserIds);
