namespace Uhrwerk.Server.Modules.Feedback.Domain;

/// <summary>
/// Delivery: asked once per delivered shipment. Relationship: the periodic "how do you feel about us" per company.
/// FollowUp: asked after a case was resolved, whether it was solved.
/// </summary>
public enum SurveyKind
{
    Delivery,
    Relationship,
    FollowUp,
}
