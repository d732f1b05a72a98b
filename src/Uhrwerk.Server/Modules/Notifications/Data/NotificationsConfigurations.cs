using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Uhrwerk.Server.Modules.Notifications.Domain;

namespace Uhrwerk.Server.Modules.Notifications.Data;

internal sealed class DeliveryConfiguration : IEntityTypeConfiguration<Delivery>
{
    public void Configure(EntityTypeBuilder<Delivery> e)
    {
        e.ToTable("notifications_deliveries");
        // The same event never reaches the same recipient twice on one channel.
        e.HasIndex(x => new { x.SourceMessageId, x.Channel, x.Recipient }).IsUnique();
        e.HasIndex(x => new { x.Status, x.NextAttemptAt });
        e.Property(x => x.Situation).HasMaxLength(80);
        e.Property(x => x.Recipient).HasMaxLength(500);
        e.Property(x => x.Language).HasMaxLength(5);
        e.Property(x => x.Subject).HasMaxLength(300);
        e.Property(x => x.LastError).HasMaxLength(1000);
        e.Property(x => x.ProviderMessageId).HasMaxLength(200);
    }
}

internal sealed class NotificationPreferenceConfiguration : IEntityTypeConfiguration<NotificationPreference>
{
    public void Configure(EntityTypeBuilder<NotificationPreference> e)
    {
        e.ToTable("notifications_preferences");
        e.HasIndex(x => new { x.UserId, x.Situation, x.Channel }).IsUnique();
        e.Property(x => x.Situation).HasMaxLength(80);
    }
}

internal sealed class WebhookSubscriptionConfiguration : IEntityTypeConfiguration<Webhooks.WebhookSubscription>
{
    public void Configure(EntityTypeBuilder<Webhooks.WebhookSubscription> e)
    {
        e.ToTable("notifications_webhook_subscriptions");
        e.Property(x => x.Name).HasMaxLength(100);
        e.Property(x => x.Url).HasMaxLength(2000);
        e.Property(x => x.Secret).HasMaxLength(100);
        e.Property(x => x.DisabledReason).HasMaxLength(300);
        e.Property(x => x.EventTypes).HasField("_eventTypes");
    }
}

internal sealed class TemplateOverrideConfiguration : IEntityTypeConfiguration<Templates.TemplateOverride>
{
    public void Configure(EntityTypeBuilder<Templates.TemplateOverride> e)
    {
        e.ToTable("notifications_template_overrides");
        e.HasIndex(x => new { x.Situation, x.Language, x.Part }).IsUnique();
        e.Property(x => x.Situation).HasMaxLength(80);
        e.Property(x => x.Language).HasMaxLength(5);
        e.Property(x => x.ChangedBy).HasMaxLength(200);
    }
}
