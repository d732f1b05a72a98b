using Uhrwerk.Server.Modules.Accounts.Events;
using Uhrwerk.Server.Modules.Notifications.Domain;
using Uhrwerk.Server.Modules.Notifications.Templates;
using Uhrwerk.Server.Platform.Outbox;

namespace Uhrwerk.Server.Modules.Notifications.Dispatching;

/// <summary>Turns one kind of outbox event into the messages it causes.</summary>
internal interface INotificationSource
{
    string EventType { get; }
    IEnumerable<Delivery> DeliveriesFor(OutboxMessage message, DateTimeOffset now);
}

/// <summary>Set-password, invitation and confirm-e-mail links: critical messages, always by e-mail, never switched off.</summary>
internal sealed class AccountLinkNotifications(TemplateRenderer templates) : INotificationSource
{
    public string EventType => nameof(AccountLinkIssued);

    public IEnumerable<Delivery> DeliveriesFor(OutboxMessage message, DateTimeOffset now)
    {
        var link = message.Read<AccountLinkIssued>();
        var situation = link.Purpose switch
        {
            LinkPurpose.Activation => Situations.AccountActivation,
            LinkPurpose.Invitation => Situations.UserInvited,
            _ => Situations.EmailChanged,
        };
        yield return Delivery.Render(message.Id, message.CompanyId, situation, Channel.Email, link.Email, link.Language,
            templates.Render(situation, link.Language, link), now);
    }
}

/// <summary>Stable keys of the situations Uhrwerk speaks about; templates are named after them.</summary>
public static class Situations
{
    public const string AccountActivation = "account.activation";
    public const string UserInvited = "account.invitation";
    public const string EmailChanged = "account.email-change";
}
