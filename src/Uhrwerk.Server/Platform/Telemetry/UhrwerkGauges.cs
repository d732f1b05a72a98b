using System.Diagnostics.Metrics;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Outbox;

namespace Uhrwerk.Server.Platform.Telemetry;

/// <summary>
/// The gauges read from the database when metrics are collected, so they cost nothing between scrapes.
/// Their meter comes from the host's <see cref="IMeterFactory"/> under the name of the shared one, so it
/// is disposed with the host and a second host in the same process does not read the first one's database.
/// </summary>
internal sealed class UhrwerkGauges
{
    private readonly IServiceScopeFactory _scopes;

    public UhrwerkGauges(IMeterFactory meters, IServiceScopeFactory scopes, TimeProvider clock, IEnumerable<EventSubscription> subscriptions, IEnumerable<IDeadLetterSource> deadLetters)
    {
        _scopes = scopes;
        var meter = meters.Create(DatabaseRoundTrips.Meter.Name);
        var subscribed = subscriptions.ToList();
        var sources = deadLetters.ToList();
        meter.CreateObservableGauge("uhrwerk.outbox.lag", () => Read(db => OutboxLag.Measure(db, subscribed, clock.GetUtcNow())), "s",
            "Age of the oldest event a handler has yet to handle");
        meter.CreateObservableGauge("uhrwerk.dead_letters", () => Read(db => sources.Select(s => new Measurement<int>(s.Count(db), new KeyValuePair<string, object?>("kind", s.Kind)))), "{dead letter}",
            "Work given up until staff retry it");
    }

    private List<Measurement<T>> Read<T>(Func<UhrwerkDbContext, IEnumerable<Measurement<T>>> read)
        where T : struct
    {
        using var scope = _scopes.CreateScope();
        return read(scope.ServiceProvider.GetRequiredService<UhrwerkDbContext>()).ToList();
    }
}
