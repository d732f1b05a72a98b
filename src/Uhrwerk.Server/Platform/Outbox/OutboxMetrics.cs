using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Telemetry;

namespace Uhrwerk.Server.Platform.Outbox;

/// <summary>How far each handler is behind: its oldest pending handling, or the oldest stored event it subscribes to that the dispatcher has not yet fanned out.</summary>
internal static class OutboxLag
{
    public static IEnumerable<Measurement<double>> Measure(UhrwerkDbContext db, IReadOnlyList<EventSubscription> subscriptions, DateTimeOffset now)
    {
        var pending = db.EventHandlings.IgnoreQueryFilters().Where(h => h.Status == EventHandlingStatus.Pending)
            .GroupBy(h => h.Handler).Select(g => new { Key = g.Key, Oldest = g.Min(h => h.OccurredAt) })
            .ToDictionary(x => x.Key, x => x.Oldest);
        var unprocessed = db.Outbox.IgnoreQueryFilters().Where(m => m.ProcessedAt == null)
            .GroupBy(m => m.Type).Select(g => new { Key = g.Key, Oldest = g.Min(m => m.OccurredAt) })
            .ToDictionary(x => x.Key, x => x.Oldest);
        return subscriptions.GroupBy(s => s.Handler).Select(handler =>
        {
            var oldest = handler.Select(s => unprocessed.TryGetValue(s.EventName, out var at) ? at : (DateTimeOffset?)null)
                .Append(pending.TryGetValue(handler.Key, out var handling) ? handling : null)
                .Min();
            var lag = oldest is { } at ? Math.Max(0, (now - at).TotalSeconds) : 0;
            return new Measurement<double>(lag, new KeyValuePair<string, object?>("handler", handler.Key));
        });
    }
}

/// <summary>Event handlings that used up their attempts and wait for staff to retry them.</summary>
internal sealed class DeadEventHandlings : IDeadLetterSource
{
    public string Kind => "event_handling";

    public int Count(UhrwerkDbContext db) => db.EventHandlings.IgnoreQueryFilters().Count(h => h.Status == EventHandlingStatus.Dead);
}
