using Uhrwerk.Server.Platform;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Feedback.Domain;

/// <summary>What the delivery was, copied onto the answer so analytics group by carrier, warehouse and punctuality without joins.</summary>
public sealed record DeliveryFacts(Guid OrderId, string OrderNumber, Guid ShipmentId, string? Carrier, string? WarehouseCode, bool? OnTime);

/// <summary>
/// One answer to one survey invitation: a score, the reasons and a comment. It never changes after it is given; what follows
/// from it (a case) lives elsewhere. Delivery and relationship surveys carry an NPS score; a follow-up carries whether the case
/// was solved instead.
/// </summary>
public sealed class SurveyResponse : ICompanyOwned
{
    public const int MaxCommentLength = 2000;

    private SurveyResponse() { }

    public Guid Id { get; private set; }
    public Guid? CompanyId { get; private set; }
    public Guid InvitationId { get; private set; }
    public SurveyKind Kind { get; private set; }
    public Guid UserId { get; private set; }
    public DateTimeOffset RespondedAt { get; private set; }

    /// <summary>0–10, "how likely are you to recommend us".</summary>
    public int? Nps { get; private set; }

    /// <summary>1–5, "how satisfied are you with this delivery"; optional.</summary>
    public int? Csat { get; private set; }

    public FeedbackReasons Reasons { get; private set; }
    public string? Comment { get; private set; }

    /// <summary>Follow-up only: the customer says the case was solved (true) or not (false).</summary>
    public bool? Solved { get; private set; }

    /// <summary>Follow-up only: the case it asks about.</summary>
    public Guid? CaseId { get; private set; }

    public Guid? OrderId { get; private set; }
    public string? OrderNumber { get; private set; }
    public Guid? ShipmentId { get; private set; }
    public string? Carrier { get; private set; }
    public string? WarehouseCode { get; private set; }
    public bool? OnTime { get; private set; }

    public bool IsDetractor => Nps is <= 6;
    public bool IsPromoter => Nps is >= 9;
    public bool IsDissatisfied => Csat is <= 2;

    /// <summary>An answer to a delivery or relationship survey. Out-of-range scores are refused with the field that is wrong.</summary>
    public static SurveyResponse Give(Guid invitationId, Guid companyId, SurveyKind kind, Guid userId, int nps, int? csat, FeedbackReasons reasons, string? comment,
        DeliveryFacts? delivery, DateTimeOffset now)
    {
        if (kind == SurveyKind.FollowUp)
        {
            throw new ArgumentException("A follow-up is answered with Resolve.", nameof(kind));
        }

        if (nps is < 0 or > 10)
        {
            throw ValidationFailedException.For("nps", T.Get("Feedback.NpsRange"));
        }

        if (csat is < 1 or > 5)
        {
            throw ValidationFailedException.For("csat", T.Get("Feedback.CsatRange"));
        }

        var response = New(invitationId, companyId, kind, userId, reasons, comment, now);
        response.Nps = nps;
        response.Csat = csat;
        if (delivery is not null)
        {
            response.OrderId = delivery.OrderId;
            response.OrderNumber = delivery.OrderNumber;
            response.ShipmentId = delivery.ShipmentId;
            response.Carrier = delivery.Carrier;
            response.WarehouseCode = delivery.WarehouseCode;
            response.OnTime = delivery.OnTime;
        }

        return response;
    }

    /// <summary>The answer to a follow-up after a case was resolved.</summary>
    public static SurveyResponse Resolve(Guid invitationId, Guid companyId, Guid userId, Guid caseId, bool solved, string? comment, DateTimeOffset now)
    {
        var response = New(invitationId, companyId, SurveyKind.FollowUp, userId, FeedbackReasons.None, comment, now);
        response.CaseId = caseId;
        response.Solved = solved;
        return response;
    }

    private static SurveyResponse New(Guid invitationId, Guid companyId, SurveyKind kind, Guid userId, FeedbackReasons reasons, string? comment, DateTimeOffset now)
    {
        if ((reasons & ~FeedbackReasonList.Combine(FeedbackReasonList.All)) != 0)
        {
            throw ValidationFailedException.For("reasons", T.Get("Feedback.UnknownReason"));
        }

        comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (comment is { Length: > MaxCommentLength })
        {
            throw ValidationFailedException.For("comment", T.Format("Feedback.CommentTooLong", MaxCommentLength));
        }

        return new SurveyResponse
        {
            Id = Guid.CreateVersion7(now),
            InvitationId = invitationId,
            CompanyId = companyId,
            Kind = kind,
            UserId = userId,
            RespondedAt = now,
            Reasons = reasons,
            Comment = PlainText.Text("comment", comment),
        };
    }
}
