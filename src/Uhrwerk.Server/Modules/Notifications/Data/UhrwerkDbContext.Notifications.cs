using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Notifications.Domain;

namespace Uhrwerk.Server.Platform.Data;

public partial class UhrwerkDbContext
{
    public DbSet<Delivery> Deliveries => Set<Delivery>();
    public DbSet<NotificationPreference> NotificationPreferences => Set<NotificationPreference>();
    public DbSet<Modules.Notifications.Webhooks.WebhookSubscription> WebhookSubscriptions => Set<Modules.Notifications.Webhooks.WebhookSubscription>();
    public DbSet<Modules.Notifications.Templates.TemplateOverride> TemplateOverrides => Set<Modules.Notifications.Templates.TemplateOverride>();
}
