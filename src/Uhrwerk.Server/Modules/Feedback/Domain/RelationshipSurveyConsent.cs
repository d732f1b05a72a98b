using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Server.Modules.Feedback.Domain;

/// <summary>
/// A person's own choice to take part in the periodic relationship survey. Nobody is asked without it: the survey asks
/// about the whole relationship, not about something the person just did, so it is opt-in and off by default.
/// </summary>
public sealed class RelationshipSurveyConsent : ICompanyOwned
{
    private RelationshipSurveyConsent() { }

    public Guid Id { get; private set; }
    public Guid? CompanyId { get; private set; }
    public Guid UserId { get; private set; }
    public bool OptedIn { get; private set; }
    public DateTimeOffset ChangedAt { get; private set; }

    public static RelationshipSurveyConsent Of(Guid companyId, Guid userId, DateTimeOffset now) =>
        new() { Id = Guid.CreateVersion7(now), CompanyId = companyId, UserId = userId, ChangedAt = now };

    public void OptIn(DateTimeOffset now) => Choose(true, now);

    public void OptOut(DateTimeOffset now) => Choose(false, now);

    private void Choose(bool optedIn, DateTimeOffset now)
    {
        if (OptedIn != optedIn)
        {
            OptedIn = optedIn;
            ChangedAt = now;
        }
    }
}
