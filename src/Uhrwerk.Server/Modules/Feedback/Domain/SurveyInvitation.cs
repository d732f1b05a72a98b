using System.Buffers.Text;
using System.Security.Cryptography;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Feedback.Domain;

/// <summary>
/// One person asked one survey, reachable by an unguessable token without signing in. It is created when the reason to ask
/// arises (a delivery, the relationship period, a resolved case), sent once it is due, answered at most once, and the link
/// stops working when it expires.
/// </summary>
public sealed class SurveyInvitation : ICompanyOwned
{
    private SurveyInvitation() { }

    public Guid Id { get; private set; }
    public Guid? CompanyId { get; private set; }
    public SurveyKind Kind { get; private set; }
    public Guid UserId { get; private set; }
    public string Token { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When it is to be sent, e.g. one working day after the delivery.</summary>
    public DateTimeOffset DueAt { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? AnsweredAt { get; private set; }

    /// <summary>Delivery surveys: the shipment asked about (one invitation per shipment).</summary>
    public Guid? ShipmentId { get; private set; }

    public Guid? OrderId { get; private set; }
    public string? OrderNumber { get; private set; }
    public string? Carrier { get; private set; }
    public string? WarehouseCode { get; private set; }
    public bool? OnTime { get; private set; }

    /// <summary>Follow-ups: the case asked about.</summary>
    public Guid? CaseId { get; private set; }

    /// <summary>Relationship surveys: the period asked about, e.g. "2026-Q4" (one invitation per user and period).</summary>
    public string? Period { get; private set; }

    public int Version { get; private set; }

    public static SurveyInvitation ForDelivery(Guid companyId, Guid userId, DeliveryFacts delivery, DateTimeOffset dueAt, TimeSpan validFor, DateTimeOffset now)
    {
        var invitation = New(companyId, SurveyKind.Delivery, userId, dueAt, validFor, now);
        invitation.ShipmentId = delivery.ShipmentId;
        invitation.OrderId = delivery.OrderId;
        invitation.OrderNumber = delivery.OrderNumber;
        invitation.Carrier = delivery.Carrier;
        invitation.WarehouseCode = delivery.WarehouseCode;
        invitation.OnTime = delivery.OnTime;
        return invitation;
    }

    public static SurveyInvitation ForRelationship(Guid companyId, Guid userId, string period, DateTimeOffset dueAt, TimeSpan validFor, DateTimeOffset now)
    {
        var invitation = New(companyId, SurveyKind.Relationship, userId, dueAt, validFor, now);
        invitation.Period = period;
        return invitation;
    }

    public static SurveyInvitation FollowUp(Guid companyId, Guid userId, Guid caseId, DateTimeOffset dueAt, TimeSpan validFor, DateTimeOffset now)
    {
        var invitation = New(companyId, SurveyKind.FollowUp, userId, dueAt, validFor, now);
        invitation.CaseId = caseId;
        return invitation;
    }

    private static SurveyInvitation New(Guid companyId, SurveyKind kind, Guid userId, DateTimeOffset dueAt, TimeSpan validFor, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        CompanyId = companyId,
        Kind = kind,
        UserId = userId,
        Token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(24)),
        CreatedAt = now,
        DueAt = dueAt,
        ExpiresAt = dueAt + validFor,
    };

    public bool IsExpired(DateTimeOffset now) => now >= ExpiresAt;

    public bool IsAnswered => AnsweredAt is not null;

    /// <summary>Sent now; answers false when it was sent before (another instance was quicker), so it goes out once.</summary>
    public bool MarkSent(DateTimeOffset now)
    {
        if (SentAt is not null)
        {
            return false;
        }

        SentAt = now;
        Version++;
        return true;
    }

    /// <summary>The answer to a delivery or relationship survey; refused when expired or answered before.</summary>
    public SurveyResponse Answer(int nps, int? csat, FeedbackReasons reasons, string? comment, DateTimeOffset now)
    {
        EnsureOpen(now);
        var delivery = ShipmentId is { } shipmentId ? new DeliveryFacts(OrderId!.Value, OrderNumber!, shipmentId, Carrier, WarehouseCode, OnTime) : null;
        var response = SurveyResponse.Give(Id, CompanyId!.Value, Kind, UserId, nps, csat, reasons, comment, delivery, now);
        Answered(now);
        return response;
    }

    /// <summary>The answer to a follow-up: was the case solved?</summary>
    public SurveyResponse AnswerFollowUp(bool solved, string? comment, DateTimeOffset now)
    {
        EnsureOpen(now);
        var response = SurveyResponse.Resolve(Id, CompanyId!.Value, UserId, CaseId!.Value, solved, comment, now);
        Answered(now);
        return response;
    }

    private void EnsureOpen(DateTimeOffset now)
    {
        if (IsAnswered)
        {
            throw new DomainException("survey-answered", T.Get("Feedback.AlreadyAnswered"));
        }

        if (IsExpired(now))
        {
            throw new DomainException("survey-expired", T.Get("Feedback.Expired"));
        }
    }

    private void Answered(DateTimeOffset now)
    {
        AnsweredAt = now;
        Version++;
    }
}
