using Uhrwerk.Server.Modules.Notifications.Channels;
using Uhrwerk.Server.Modules.Notifications.DeadLetters;
using Uhrwerk.Server.Modules.Notifications.Dispatching;
using Uhrwerk.Server.Modules.Notifications.Preferences;
using Uhrwerk.Server.Modules.Notifications.Templates;

namespace Uhrwerk.Server.Modules.Notifications;

internal static class NotificationsModule
{
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddOptions<SmtpOptions>().BindConfiguration("Smtp");
        services.AddOptions<BrandingOptions>().BindConfiguration("Branding");
        services.AddOptions<DispatcherOptions>().BindConfiguration("Notifications:Dispatcher");
        services.AddSingleton<TemplateRenderer>();
        services.AddScoped<INotificationSource, AccountLinkNotifications>();
        services.AddScoped<INotificationSource, UserNotifications>();
        services.AddScoped<IChannelSender, EmailChannel>();
        services.AddScoped<NotificationDispatcher>();
        services.AddScoped<MyPreferences>();
        services.AddHostedService<NotificationWorker>();
        return services;
    }

    public static RouteGroupBuilder MapNotifications(this RouteGroupBuilder api)
    {
        DeliveryLogEndpoints.Map(api);
        PreferenceEndpoints.Map(api);
        return api;
    }
}
