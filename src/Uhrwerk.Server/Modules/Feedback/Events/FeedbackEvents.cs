using Uhrwerk.Server.Modules.Feedback.Domain;
using Uhrwerk.Server.Platform.Outbox;

namespace Uhrwerk.Server.Modules.Feedback.Events;

// What Feedback tells the rest of the system, after the change committed. Facts only; docs/events.md describes each one.

/// <summary>
/// A survey invitation became due and is to go out now, once: the invited user gets <paramref name="Link"/> (the answering
/// page, valid until <paramref name="ExpiresAt"/>). Delivery surveys name the order and shipment, follow-ups the case,
/// relationship surveys the period. The aggregate is the invitation.
/// </summary>
[Event("SurveyInvited", 1)]
public sealed record SurveyInvited(
    Guid InvitationId,
    Guid CompanyId,
    string Kind,
    Guid UserId,
    string Link,
    DateTimeOffset ExpiresAt,
    Guid? OrderId,
    string? OrderNumber,
    Guid? ShipmentId,
    Guid? CaseId,
    string? Period)
{
    public static SurveyInvited Of(SurveyInvitation i, string link) =>
        new(i.Id, i.CompanyId!.Value, i.Kind.ToString(), i.UserId, link, i.ExpiresAt, i.OrderId, i.OrderNumber, i.ShipmentId, i.CaseId, i.Period);
}

/// <summary>
/// A customer answered a survey. Cases open from it (detractors, CSAT 1–2), follow-ups close the loop from it. Reasons are
/// names (<see cref="FeedbackReasons"/>), so readers outside .NET need no bit values. The aggregate is the response.
/// </summary>
[Event("SurveyAnswered", 1)]
public sealed record SurveyAnswered(
    Guid ResponseId,
    Guid CompanyId,
    string Kind,
    Guid UserId,
    DateTimeOffset RespondedAt,
    int? Nps,
    int? Csat,
    IReadOnlyList<string> Reasons,
    string? Comment,
    Guid? OrderId,
    string? OrderNumber,
    Guid? ShipmentId,
    string? Carrier,
    string? WarehouseCode,
    bool? OnTime,
    Guid? CaseId,
    bool? Solved)
{
    public static SurveyAnswered Of(SurveyResponse r) => new(r.Id, r.CompanyId!.Value, r.Kind.ToString(), r.UserId, r.RespondedAt, r.Nps, r.Csat,
        FeedbackReasonList.Of(r.Reasons).Select(x => x.ToString()).ToList(), r.Comment, r.OrderId, r.OrderNumber, r.ShipmentId, r.Carrier, r.WarehouseCode,
        r.OnTime, r.CaseId, r.Solved);

    public bool IsDetractor => Nps is <= 6;
    public bool IsDissatisfied => Csat is <= 2;
}

/// <summary>
/// A case opened from feedback was resolved by its owner: the customer is asked whether it was solved. The aggregate is the
/// case; <paramref name="CustomerUserId"/> is who gave the feedback.
/// </summary>
[Event("CaseResolved", 1)]
public sealed record CaseResolved(Guid CaseId, string CaseNumber, Guid CompanyId, Guid CustomerUserId, Guid? ResponseId, DateTimeOffset ResolvedAt, string? Resolution);
