using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Uhrwerk.Server.Platform.Outbox;

/// <summary>
/// One handler's interest in one event. <see cref="Handler"/> is the stable name the handling is
/// recorded under; one handler may subscribe to many events under the same name.
/// </summary>
public sealed record EventSubscription(string Handler, string EventName, Func<IServiceProvider, OutboxMessage, EventContext, CancellationToken, Task> Invoke);

public static class EventSubscriptions
{
    /// <summary>Hands every committed <typeparamref name="TEvent"/> to <typeparamref name="THandler"/>, recorded as <paramref name="handler"/>.</summary>
    public static IServiceCollection AddEventHandler<TEvent, THandler>(this IServiceCollection services, string handler)
        where TEvent : class
        where THandler : class, IEventHandler<TEvent>
    {
        services.TryAddScoped<THandler>();
        services.AddSingleton(new EventSubscription(handler, EventCatalog.Of(typeof(TEvent)).Name,
            (scope, message, context, ct) => scope.GetRequiredService<THandler>().HandleAsync(message.Read<TEvent>(), context, ct)));
        return services;
    }

    /// <summary>Hands the named events to <typeparamref name="THandler"/> as they are stored.</summary>
    public static IServiceCollection AddRawEventHandler<THandler>(this IServiceCollection services, string handler, IEnumerable<string> eventNames)
        where THandler : class, IRawEventHandler
    {
        services.TryAddScoped<THandler>();
        foreach (var name in eventNames)
        {
            services.AddSingleton(new EventSubscription(handler, name, (scope, message, _, ct) => scope.GetRequiredService<THandler>().HandleAsync(message, ct)));
        }

        return services;
    }
}
