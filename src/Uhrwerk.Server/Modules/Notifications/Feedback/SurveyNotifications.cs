using Uhrwerk.Server.Modules.Feedback.Events;
using Uhrwerk.Server.Modules.Notifications.Dispatching;
using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Outbox;

namespace Uhrwerk.Server.Modules.Notifications.Feedback;

/// <summary>
/// A due survey invitation reaches the invited user with the link to answer it, in their language. One situation for all kinds
/// of survey, so a person switches survey e-mails off in one place; the templates word the question after the kind.
/// </summary>
internal sealed class SurveyNotifications(UserNotifications users) : IEventHandler<SurveyInvited>
{
    public const string Invited = "survey.invitation";

    public Task HandleAsync(SurveyInvited invited, EventContext context, CancellationToken ct) =>
        users.NotifyAsync(Invited, [invited.UserId], user => new Dictionary<string, string>
        {
            ["kind"] = invited.Kind,
            ["order_number"] = invited.OrderNumber ?? "",
            ["period"] = invited.Period ?? "",
            ["link"] = invited.Link,
            ["valid_until"] = OrderTexts.In(user.Language).Date(BerlinTime.DateOf(invited.ExpiresAt)),
        }, context, ct);
}
