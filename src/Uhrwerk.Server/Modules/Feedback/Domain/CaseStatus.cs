namespace Uhrwerk.Server.Modules.Feedback.Domain;

/// <summary>Open → Acknowledged → InProgress → Resolved → Closed; a customer who says it is not solved sends it back to InProgress.</summary>
public enum CaseStatus
{
    Open,
    Acknowledged,
    InProgress,
    Resolved,
    Closed,
}

/// <summary>Why the case was opened: a detractor score, a CSAT of 1–2, or staff flagged the comment.</summary>
public enum CaseOrigin
{
    Detractor,
    Dissatisfied,
    Flagged,
}
