using System.Globalization;
using Uhrwerk.Server.Modules.Accounts;
using Uhrwerk.Server.Modules.Feedback.Events;
using Uhrwerk.Server.Modules.Notifications.Dispatching;
using Uhrwerk.Server.Platform;
using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Outbox;

namespace Uhrwerk.Server.Modules.Notifications.Feedback;

/// <summary>
/// The customer hears at once who answers their feedback and by when, then each answer and the resolution; on an escalation the
/// customer-service lead is asked to take over and the owner is told.
/// </summary>
internal sealed class CaseNotifications(UserNotifications users, PortalLinks portal)
    : IEventHandler<CaseOpened>, IEventHandler<CaseAnswered>, IEventHandler<CaseResolved>, IEventHandler<CaseEscalated>
{
    public const string Acknowledged = "case.acknowledged";
    public const string Answered = "case.answered";
    public const string Resolved = "case.resolved";
    public const string Escalated = "case.escalated";
    public const string EscalationTold = "case.escalation-told";

    public Task HandleAsync(CaseOpened opened, EventContext context, CancellationToken ct) =>
        users.NotifyAsync(Acknowledged, [opened.CustomerUserId], customer =>
        {
            var culture = CultureOf(customer.Language);
            return Values(opened.CaseNumber, new()
            {
                ["owner"] = opened.OwnerPartnerName ?? T.Format(culture, "Feedback.Owner." + (opened.OwnerTeam ?? "CustomerService")),
                ["due"] = BerlinTime.ToLocal(opened.ResponseDueAt).ToString("g", culture),
            });
        }, context, ct);

    public Task HandleAsync(CaseAnswered answered, EventContext context, CancellationToken ct) =>
        users.NotifyAsync(Answered, [answered.CustomerUserId], _ => Values(answered.CaseNumber, new() { ["answer"] = answered.Answer }), context, ct);

    public Task HandleAsync(CaseResolved resolved, EventContext context, CancellationToken ct) =>
        users.NotifyAsync(Resolved, [resolved.CustomerUserId], _ => Values(resolved.CaseNumber, new() { ["resolution"] = resolved.Resolution ?? "" }), context, ct);

    public async Task HandleAsync(CaseEscalated escalated, EventContext context, CancellationToken ct)
    {
        IReadOnlyDictionary<string, string> ValuesFor(Contact staff) => Values(escalated.CaseNumber, new()
        {
            ["owner"] = escalated.OwnerPartnerName ?? T.Format(CultureOf(staff.Language), "Feedback.Owner." + (escalated.OwnerTeam ?? "CustomerService")),
            ["due"] = BerlinTime.ToLocal(escalated.ResponseDueAt).ToString("g", CultureOf(staff.Language)),
        }, portal.To("/backoffice/feedback/cases?escalated=true"));
        await users.NotifyAsync(Escalated, escalated.LeadUserIds, ValuesFor, context, ct);
        await users.NotifyAsync(EscalationTold, escalated.OwnerUserIds.Except(escalated.LeadUserIds), ValuesFor, context, ct);
    }

    private Dictionary<string, string> Values(string caseNumber, Dictionary<string, string> values, string? link = null)
    {
        values["case_number"] = caseNumber;
        values["link"] = link ?? portal.To("/");
        return values;
    }

    private static CultureInfo CultureOf(string language) => CultureInfo.GetCultureInfo(language == "en" ? "en-GB" : "de-DE");
}
