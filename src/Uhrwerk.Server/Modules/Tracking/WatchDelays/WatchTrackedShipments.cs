using Uhrwerk.Server.Modules.Tracking.Events;
using Uhrwerk.Server.Platform.Outbox;

namespace Uhrwerk.Server.Modules.Tracking.WatchDelays;

/// <summary>Each time tracking starts or a carrier reports something new, the shipment's expected day is estimated again and its risks looked at.</summary>
internal sealed class WatchTrackedShipments(DelayWatch watch) : IEventHandler<TrackingStarted>, IEventHandler<TrackingUpdated>
{
    public const string Handler = "delay-watch";

    public Task HandleAsync(TrackingStarted started, EventContext context, CancellationToken ct) => watch.WatchAsync(started.Tracking.TrackedShipmentId, estimate: true, ct);

    public Task HandleAsync(TrackingUpdated updated, EventContext context, CancellationToken ct) => watch.WatchAsync(updated.Tracking.TrackedShipmentId, estimate: true, ct);
}

/// <summary>Runs the delay watch's scheduled check on the clock's interval; safe in every instance (see <see cref="DelayWatch.CheckAsync"/>).</summary>
internal sealed class DelayWatchWorker(IServiceScopeFactory scopes, TimeProvider clock, Microsoft.Extensions.Options.IOptions<DelayWatchOptions> options, ILogger<DelayWatchWorker> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.Interval, clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<DelayWatch>().CheckAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "The delay watch's check failed; it tries again on the next tick");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
