using Uhrwerk.Server.Modules.Accounts.Events;
using Uhrwerk.Server.Modules.Fulfillment.Events;
using Uhrwerk.Server.Modules.Contracts.Events;
using Uhrwerk.Server.Modules.Notifications.Channels;
using Uhrwerk.Server.Modules.Feedback.Events;
using Uhrwerk.Server.Modules.Notifications.Domain;
using Uhrwerk.Server.Modules.Notifications.DeadLetters;
using Uhrwerk.Server.Modules.Notifications.Feedback;
using Uhrwerk.Server.Modules.Notifications.Dispatching;
using Uhrwerk.Server.Modules.Notifications.OrderProgress;
using Uhrwerk.Server.Modules.Notifications.Preferences;
using Uhrwerk.Server.Modules.Notifications.Templates;
using Uhrwerk.Server.Modules.Notifications.Webhooks;
using Uhrwerk.Server.Modules.Ordering.Events;
using Uhrwerk.Server.Modules.Tracking.Events;
using Uhrwerk.Server.Platform.Outbox;
using Uhrwerk.Server.Platform.Telemetry;

namespace Uhrwerk.Server.Modules.Notifications;

internal static class NotificationsModule
{
    /// <summary>The name Notifications handles events under (webhooks have their own, so one cannot hold up the other).</summary>
    public const string Handler = "notifications";

    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddOptions<SmtpOptions>().BindConfiguration("Smtp");
        services.AddOptions<BrandingOptions>().BindConfiguration("Branding");
        services.AddOptions<DispatcherOptions>().BindConfiguration("Notifications:Dispatcher");
        services.AddScoped<ITemplateOverrides, StoredTemplateOverrides>();
        services.AddScoped<TemplateRenderer>();
        services.AddScoped<TemplateEditor>();
        services.AddEventHandler<AccountLinkIssued, AccountLinkNotifications>(Handler);
        services.AddEventHandler<ActivationAwaitsConfirmation, ActivationQueueNotifications>(Handler);
        services.AddEventHandler<ActivationRefused, ActivationQueueNotifications>(Handler);
        services.AddEventHandler<UsersToNotify, UserNotifications>(Handler);
        services.AddEventHandler<OrderPlaced, OrderNotifications>(Handler);
        services.AddEventHandler<OrderApprovalRequested, OrderNotifications>(Handler);
        services.AddEventHandler<OrderApproved, OrderNotifications>(Handler);
        services.AddEventHandler<OrderRejected, OrderNotifications>(Handler);
        services.AddEventHandler<OrderRevised, OrderNotifications>(Handler);
        services.AddEventHandler<OrderChanged, OrderNotifications>(Handler);
        services.AddEventHandler<OrderCancelled, OrderNotifications>(Handler);
        services.AddEventHandler<OrderRestCancelled, OrderNotifications>(Handler);
        services.AddEventHandler<OrderMessagePosted, OrderNotifications>(Handler);
        services.AddEventHandler<OrderHandedToDeputy, OrderNotifications>(Handler);
        services.AddEventHandler<OrderConfirmed, OrderConfirmedNotifications>(Handler);
        services.AddEventHandler<ShipmentShipped, ShipmentNotifications>(Handler);
        services.AddEventHandler<ShipmentDelivered, ShipmentNotifications>(Handler);
        services.AddEventHandler<DeliveryDelayed, TrackingNotifications>(Handler);
        services.AddEventHandler<EtaChanged, TrackingNotifications>(Handler);
        services.AddEventHandler<TrackingUpdated, TrackingNotifications>(Handler);
        services.AddEventHandler<SurveyInvited, SurveyNotifications>(Handler);
        services.AddEventHandler<ContractCalledOff, ContractNotifications>(Handler);
        services.AddEventHandler<ContractReleaseOrdered, ContractNotifications>(Handler);
        services.AddEventHandler<ContractRunningOut, ContractNotifications>(Handler);
        services.AddEventHandler<ContractExpired, ContractNotifications>(Handler);
        services.AddEventHandler<CaseOpened, CaseNotifications>(Handler);
        services.AddEventHandler<CaseAnswered, CaseNotifications>(Handler);
        services.AddEventHandler<CaseResolved, CaseNotifications>(Handler);
        services.AddEventHandler<CaseEscalated, CaseNotifications>(Handler);
        services.AddScoped<IChannelSender, EmailChannel>();
        foreach (var channel in new[] { Channel.Sms, Channel.WhatsApp })
        {
            services.AddOptions<GatewayOptions>(channel.ToString()).BindConfiguration($"Gateways:{channel}");
            services.AddScoped<IChannelSender>(sp => new GatewayChannel(channel, sp.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<GatewayOptions>>(), sp.GetRequiredService<IHttpClientFactory>()));
        }

        services.AddHttpClient(GatewayChannel.ClientName, http => http.Timeout = TimeSpan.FromSeconds(10));
        services.AddOptions<WebhookOptions>().BindConfiguration("Webhooks");
        services.AddSingleton<OutboundAddressPolicy>();
        services.AddRawEventHandler<WebhookNotifications>(WebhookNotifications.Handler, WebhookEvents.All);
        services.AddScoped<IChannelSender, WebhookChannel>();
        services.AddHttpClient(WebhookChannel.ClientName, (sp, http) => http.Timeout = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<WebhookOptions>>().Value.Timeout)
            .ConfigurePrimaryHttpMessageHandler(sp => WebhookChannel.Handler(sp.GetRequiredService<OutboundAddressPolicy>()));
        services.AddScoped<NotificationDispatcher>();
        services.AddScoped<MyPreferences>();
        services.AddHostedService<NotificationWorker>();
        services.AddSingleton<IDeadLetterSource, DeadDeliveries>();
        return services;
    }

    public static RouteGroupBuilder MapNotifications(this RouteGroupBuilder api)
    {
        var notifications = api.MapGroup("").WithTags("Notifications");
        DeliveryLogEndpoints.Map(notifications);
        PreferenceEndpoints.Map(notifications);
        WebhookEndpoints.Map(notifications);
        TemplateEndpoints.Map(notifications);
        return api;
    }
}
