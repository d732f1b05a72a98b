using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Accounts;
using Uhrwerk.Server.Modules.Accounts.Events;
using Uhrwerk.Server.Modules.Notifications.Domain;
using Uhrwerk.Server.Modules.Notifications.Templates;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Outbox;

namespace Uhrwerk.Server.Modules.Notifications.Dispatching;

/// <summary>Set-password, invitation, confirm-e-mail and report-e-mail-change links: critical messages, always by e-mail, never switched off.</summary>
internal sealed class AccountLinkNotifications(TemplateRenderer templates, UhrwerkDbContext db, TimeProvider clock) : IEventHandler<AccountLinkIssued>
{
    public Task HandleAsync(AccountLinkIssued link, EventContext context, CancellationToken ct)
    {
        var situation = link.Purpose switch
        {
            LinkPurpose.Activation => Situations.AccountActivation,
            LinkPurpose.Invitation => Situations.UserInvited,
            LinkPurpose.EmailChangeReport => Situations.EmailChangeReport,
            _ => Situations.EmailChanged,
        };
        db.Deliveries.Add(Delivery.Render(context.MessageId, context.CompanyId, situation, Channel.Email, link.Email, link.Language,
            templates.Render(situation, link.Language, link), clock.GetUtcNow()));
        return Task.CompletedTask;
    }
}

/// <summary>A situation for users: each in their language, on the channels they chose (e-mail by default).</summary>
internal sealed class UserNotifications(TemplateRenderer templates, IAccounts accounts, UhrwerkDbContext db, TimeProvider clock) : IEventHandler<UsersToNotify>
{
    public Task HandleAsync(UsersToNotify notice, EventContext context, CancellationToken ct) =>
        NotifyAsync(notice.Situation, notice.UserIds, _ => notice.Data, context, ct);

    /// <summary>Renders the situation for each active user with the values <paramref name="valuesFor"/> gives in that user's language.</summary>
    public async Task NotifyAsync(string situationKey, IEnumerable<Guid> userIds, Func<Contact, IReadOnlyDictionary<string, string>> valuesFor, EventContext context, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var situation = SituationCatalog.Find(situationKey) ?? throw new InvalidOperationException($"Unknown situation '{situationKey}'.");
        var contacts = await accounts.ContactsAsync(userIds.Distinct().ToList(), ct);
        var ids = contacts.Select(c => c.UserId).ToList();
        var choices = await db.NotificationPreferences.AsNoTracking()
            .Where(p => ids.Contains(p.UserId) && p.Situation == situation.Key).ToListAsync(ct);
        foreach (var contact in contacts.Where(c => c.IsActive))
        {
            var model = valuesFor(contact).ToDictionary(d => d.Key, d => d.Value);
            model["display_name"] = contact.DisplayName;
            foreach (var channel in SituationCatalog.PersonalChannels.Where(c => Wants(contact.UserId, c)))
            {
                var address = channel == Channel.Email ? contact.Email : contact.Mobile;
                if (address is not null)
                {
                    var rendered = channel == Channel.Email ? templates.Render(situation.Key, contact.Language, model) : templates.RenderShort(situation.Key, contact.Language, model);
                    db.Deliveries.Add(Delivery.Render(context.MessageId, contact.CompanyId, situation.Key, channel, address, contact.Language, rendered, now));
                }
            }
        }

        bool Wants(Guid userId, Channel channel) =>
            (situation.Critical && channel == Channel.Email)
            || (choices.SingleOrDefault(p => p.UserId == userId && p.Channel == channel)?.Enabled ?? SituationCatalog.DefaultFor(channel));
    }
}

/// <summary>Stable keys of the situations Uhrwerk speaks about; templates are named after them.</summary>
public static class Situations
{
    public const string AccountActivation = "account.activation";
    public const string UserInvited = "account.invitation";
    public const string EmailChanged = "account.email-change";
    public const string EmailChangeReport = "account.email-change-report";
}
