namespace Uhrwerk.Server.Modules.Notifications.Domain;

/// <summary>A situation Uhrwerk tells people about. Critical ones (security, access) cannot be switched off.</summary>
public sealed record SituationInfo(string Key, bool Critical);

public static class SituationCatalog
{
    public static readonly IReadOnlyList<SituationInfo> All =
    [
        new("account.activation", true),
        new("account.activation-pending", true),
        new("account.activation-refused", true),
        new("account.invitation", true),
        new("account.email-change", true),
        new("account.email-change-report", true),
        new("order.placed", false),
        new("order.approval-requested", false),
        new("order.deputy-assigned", false),
        new("order.approved", false),
        new("order.rejected", false),
        new("order.revised", false),
        new("order.confirmed", false),
        new("order.confirmed-changed", false),
        new("order.changed", false),
        new("order.cancelled", false),
        new("order.message", false),
        new("order.shipped", false),
        new("shipment.partially-shipped", false),
        new("shipment.out-for-delivery", false),
        new("shipment.delayed", false),
        new("shipment.eta-changed", false),
        new("shipment.delivery-failed", false),
        new("shipment.ready-for-pickup", false),
        new("shipment.pickup-reminder", false),
        new("shipment.delivered", false),
        new("survey.invitation", false),
        new("case.acknowledged", false),
        new("case.answered", false),
        new("case.resolved", false),
        new("case.escalated", false),
        new("case.escalation-told", false),
        new("return.authorised", false),
        new("return.received", false),
        new("return.credit-issued", false),
        new("calloff.confirmed", false),
        new("calloff.released", false),
        new("contract.running-out", false),
        new("contract.expired", false),
    ];

    /// <summary>The channels a person can choose; the ERP's webhooks are configured per machine client instead.</summary>
    public static readonly IReadOnlyList<Channel> PersonalChannels = [Channel.Email, Channel.Sms, Channel.WhatsApp];

    public static SituationInfo? Find(string key) => All.SingleOrDefault(s => s.Key == key);

    /// <summary>E-mail is on unless switched off; SMS and WhatsApp only after an explicit opt-in.</summary>
    public static bool DefaultFor(Channel channel) => channel == Channel.Email;
}
