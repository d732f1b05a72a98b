using Uhrwerk.Server.Platform;
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
    : PeriodicJob(scopes, clock, log)
{
    protected override bool Enabled => options.Value.Enabled;
    protected override TimeSpan Interval => options.Value.Interval;
    protected override string Name => "The delay watch's check";

    protected override Task RunAsync(IServiceProvider services, CancellationToken ct) => services.GetRequiredService<DelayWatch>().CheckAsync(ct);
}
