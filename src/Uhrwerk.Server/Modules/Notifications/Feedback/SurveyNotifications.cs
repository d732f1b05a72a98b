using Uhrwerk.Server.Modules.Feedback.Events;
using Uhrwerk.Server.Modules.Notifications.Dispatching;
using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Outbox;

namespace Uhrwerk.Server.Modules.Notifications.Feedback;

/// <summary>
/// A due survey invitation reaches the invited user with the link to answer it, in their language. One situation for all kinds
/// of survey, so a person switches survey e-mails off in one place; the question is worded after the kind.
/// </summary>
internal sealed class SurveyNotifications(UserNotifications users) : IEventHandler<SurveyInvited>
{
    public const string Invited = "survey.invitation";

    public Task HandleAsync(SurveyInvited invited, EventContext context, CancellationToken ct) =>
        users.NotifyAsync(Invited, [invited.UserId], user =>
        {
            var texts = OrderTexts.In(user.Language);
            return new Dictionary<string, string>
            {
                ["title"] = T.Format(texts.Culture, "Notifications.Survey.Title." + invited.Kind, invited.OrderNumber ?? "", invited.Period ?? ""),
                ["question"] = T.Format(texts.Culture, "Notifications.Survey.Question." + invited.Kind, invited.OrderNumber ?? "", invited.Period ?? ""),
                ["link"] = invited.Link,
                ["valid_until"] = texts.Date(BerlinTime.DateOf(invited.ExpiresAt)),
            };
        }, context, ct);
}
