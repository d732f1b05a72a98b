using Uhrwerk.Server.Modules.Accounts.Events;
using Uhrwerk.Server.Modules.Notifications.Domain;
using Uhrwerk.Server.Modules.Notifications.Templates;
using Uhrwerk.Server.Platform.Outbox;

namespace Uhrwerk.Server.Modules.Notifications.Dispatching;

/// <summary>
/// Tells the person who asked for a self-activation that it waits for customer service, and later if
/// it was refused (a confirmation sends the set-password link instead). They have no account yet, so
/// always by e-mail to the address they gave.
/// </summary>
internal sealed class ActivationQueueNotifications(TemplateRenderer templates) : INotificationSource
{
    public const string Pending = "account.activation-pending";
    public const string Refused = "account.activation-refused";

    public bool Handles(string eventType) => eventType is nameof(ActivationAwaitsConfirmation) or nameof(ActivationRefused);

    public Task<IReadOnlyList<Delivery>> DeliveriesForAsync(OutboxMessage message, DateTimeOffset now, CancellationToken ct)
    {
        IReadOnlyList<Delivery> deliveries = [message.Type == nameof(ActivationRefused) ? Refusal(message.Read<ActivationRefused>()) : Waiting(message.Read<ActivationAwaitsConfirmation>())];
        return Task.FromResult(deliveries);

        Delivery Refusal(ActivationRefused refused) => Render(Refused, refused.Email, refused.Language, refused);

        Delivery Waiting(ActivationAwaitsConfirmation pending) => Render(Pending, pending.Email, pending.Language, pending);

        Delivery Render(string situation, string email, string language, object model) =>
            Delivery.Render(message.Id, message.CompanyId, situation, Channel.Email, email, language, templates.Render(situation, language, model), now);
    }
}
