using Uhrwerk.Server.Platform.Telemetry;

namespace Uhrwerk.Server.Platform.Outbox;

public static class OutboxSetup
{
    public static IServiceCollection AddUhrwerkOutbox(this IServiceCollection services)
    {
        services.AddOptions<OutboxOptions>().BindConfiguration("Outbox");
        services.AddScoped<OutboxDispatcher>();
        services.AddHostedService<OutboxWorker>();
        services.AddSingleton<IDeadLetterSource, DeadEventHandlings>();
        return services;
    }
}
