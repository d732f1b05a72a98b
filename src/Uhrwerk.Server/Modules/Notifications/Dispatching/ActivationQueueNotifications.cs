using Uhrwerk.Server.Modules.Accounts.Events;
using Uhrwerk.Server.Modules.Notifications.Domain;
using Uhrwerk.Server.Modules.Notifications.Templates;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Outbox;

namespace Uhrwerk.Server.Modules.Notifications.Dispatching;

/// <summary>
/// Tells the person who asked for a self-activation that it waits for customer service, and later if
/// it was refused (a confirmation sends the set-password link instead). They have no account yet, so
/// always by e-mail to the address they gave.
/// </summary>
internal sealed class ActivationQueueNotifications(TemplateRenderer templates, UhrwerkDbContext db, TimeProvider clock)
    : IEventHandler<ActivationAwaitsConfirmation>, IEventHandler<ActivationRefused>
{
    public const string Pending = "account.activation-pending";
    public const string Refused = "account.activation-refused";

    public Task HandleAsync(ActivationAwaitsConfirmation pending, EventContext context, CancellationToken ct) =>
        RenderAsync(context, Pending, pending.Email, pending.Language, pending);

    public Task HandleAsync(ActivationRefused refused, EventContext context, CancellationToken ct) =>
        RenderAsync(context, Refused, refused.Email, refused.Language, refused);

    private Task RenderAsync(EventContext context, string situation, string email, string language, object model)
    {
        db.Deliveries.Add(Delivery.Render(context.MessageId, context.CompanyId, situation, Channel.Email, email, language, templates.Render(situation, language, model), clock.GetUtcNow()));
        return Task.CompletedTask;
    }
}
