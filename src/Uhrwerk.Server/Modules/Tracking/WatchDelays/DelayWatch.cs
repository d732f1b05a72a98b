using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Uhrwerk.Server.Modules.Fulfillment;
using Uhrwerk.Server.Modules.Inventory;
using Uhrwerk.Server.Modules.Ordering;
using Uhrwerk.Server.Modules.Tracking.Domain;
using Uhrwerk.Server.Modules.Tracking.Events;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Localization;

namespace Uhrwerk.Server.Modules.Tracking.WatchDelays;

public sealed class DelayWatchOptions
{
    /// <summary>Whether this instance runs the scheduled check (the event-driven part always runs).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Working days without a scan after which a parcel counts as stuck.</summary>
    public int NoScanWorkingDays { get; set; } = 2;

    /// <summary>Delivered shipments a lane needs before its history estimates anything.</summary>
    public int LaneHistoryMinimum { get; set; } = 5;

    /// <summary>How often the scheduled check looks for the causes only time brings (no scan, delayed dispatch, lead time).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>
/// Watches the promises of shipments: keeps the expected day of each tracked shipment, opens a watch-list entry for
/// each cause of delay the first time it holds (which tells the customer) and resolves it when the cause is gone or the
/// goods arrived. The caller saves the unit of work; two instances opening the same entry collide on its unique key.
/// </summary>
internal sealed class DelayWatch(UhrwerkDbContext db, IInventory inventory, IOrdering ordering, IShipmentQueries shipments, IOptions<DelayWatchOptions> options,
    TimeProvider clock)
{
    private const int LaneSample = 200;
    private readonly Dictionary<string, LaneFigures?> lanes = [];

    /// <summary>Looks at one tracked shipment; with <paramref name="estimate"/> (a carrier spoke or tracking started) its expected day is estimated again.</summary>
    public async Task WatchAsync(Guid trackedShipmentId, bool estimate, CancellationToken ct)
    {
        if (await db.TrackedShipments.SingleOrDefaultAsync(t => t.Id == trackedShipmentId, ct) is not { } tracked)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var days = inventory.DeliveryDaysAt(new Destination(tracked.DestinationCountry, tracked.DestinationPostalCode));
        var lane = await LaneAsync(tracked, days, ct);
        var before = tracked.ExpectedDelivery;
        if (estimate)
        {
            tracked.Expect(DelayRules.Expected(tracked, lane, days));
        }

        var expected = tracked.ExpectedDelivery ?? tracked.PromisedDeliveryDate;
        var watched = new WatchedShipment(tracked.ShipmentId, tracked.CompanyId!.Value, tracked.OrderId, tracked.OrderNumber, tracked.Reference, tracked.WarehouseCode,
            tracked.Carrier, tracked.PromisedDeliveryDate);
        var opened = await KeepEntriesAsync(watched, DelayRules.Causes(tracked, expected, BerlinTime.DateOf(now), lane, days, options.Value.NoScanWorkingDays), expected, now, ct);
        foreach (var cause in opened)
        {
            tracked.NoticeDelay(cause, now);
        }

        // A new delay notice carries the new date already; the customer hears of it once.
        if (before is { } previous && tracked.ExpectedDelivery is { } current && previous != current && opened.Count == 0)
        {
            db.Publish(new EtaChanged(tracked.ShipmentId, tracked.Reference, tracked.OrderId, tracked.OrderNumber, watched.CompanyId, tracked.Carrier, previous, current,
                tracked.PromisedDeliveryDate), watched.CompanyId, tracked.OrderId);
        }
    }

    /// <summary>
    /// The scheduled check: every shipment on its way and every shipment that should have left by now, as of the clock,
    /// so a check after downtime catches up. Each shipment commits on its own; one another instance changed meanwhile is
    /// left to the next run. Answers how many shipments it looked at.
    /// </summary>
    public async Task<int> CheckAsync(CancellationToken ct)
    {
        var looked = 0;
        var onTheWay = await db.TrackedShipments.AsNoTracking().Where(t => t.Status != TrackingStatus.Delivered).OrderBy(t => t.Id).Select(t => t.Id).ToListAsync(ct);
        foreach (var id in onTheWay)
        {
            looked += await CommitAsync(() => WatchAsync(id, estimate: false, ct), ct);
        }

        const int Batch = 500;
        var today = BerlinTime.DateOf(clock.GetUtcNow());
        var late = await shipments.NotShippedByPlanAsync(today, Batch, ct);
        foreach (var shipment in late)
        {
            looked += await CommitAsync(() => LateDispatchAsync(shipment, today, ct), ct);
        }

        if (late.Count < Batch)
        {
            var stillLate = late.Select(s => s.ShipmentId).ToHashSet();
            var gone = await db.WatchEntries.AsNoTracking().Where(e => e.Cause == DelayCause.DelayedDispatch && e.ResolvedAt == null).Select(e => e.ShipmentId).ToListAsync(ct);
            foreach (var shipmentId in gone.Where(id => !stillLate.Contains(id)))
            {
                looked += await CommitAsync(() => DispatchedAsync(shipmentId, clock.GetUtcNow(), ct), ct);
            }
        }

        db.ChangeTracker.Clear();
        return looked;
    }

    private async Task LateDispatchAsync(LateDispatch late, DateOnly today, CancellationToken ct)
    {
        var order = await ordering.FindForFulfilmentAsync(late.OrderId, ct);
        var days = inventory.DeliveryDaysAt(new Destination(order?.Destination.Country ?? "DE", order?.Destination.PostalCode ?? ""));
        var expected = DelayRules.ExpectedAfterLateDispatch(late.PlannedShipDate, late.PromisedDeliveryDate, today, days);
        await KeepEntriesAsync(new WatchedShipment(late.ShipmentId, late.CompanyId, late.OrderId, late.OrderNumber, late.Reference, late.WarehouseCode, late.Carrier,
            late.PromisedDeliveryDate), [DelayCause.DelayedDispatch], expected, clock.GetUtcNow(), ct);
    }

    private async Task<int> CommitAsync(Func<Task> watch, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        try
        {
            await watch();
            await db.SaveChangesAsync(ct);
            return 1;
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || DatabaseErrors.IsUniqueViolation(e))
        {
            return 0;
        }
    }

    /// <summary>Opens an entry for each cause seen the first time (and tells the customer), keeps those seen again, resolves the others. Answers the causes opened.</summary>
    private async Task<IReadOnlyList<DelayCause>> KeepEntriesAsync(WatchedShipment shipment, IReadOnlyList<DelayCause> causes, DateOnly expected, DateTimeOffset now, CancellationToken ct)
    {
        var entries = await db.WatchEntries.Where(e => e.ShipmentId == shipment.ShipmentId).ToListAsync(ct);
        var opened = new List<DelayCause>();
        foreach (var cause in causes)
        {
            if (entries.SingleOrDefault(e => e.Cause == cause) is { } entry)
            {
                entry.StillAtRisk(expected);
                continue;
            }

            db.WatchEntries.Add(WatchEntry.Open(shipment, cause, expected, now));
            db.Publish(new DeliveryDelayed(shipment.ShipmentId, shipment.Reference, shipment.OrderId, shipment.OrderNumber, shipment.CompanyId, shipment.Carrier, cause.ToString(),
                shipment.PromisedDeliveryDate, expected, now), shipment.CompanyId, shipment.OrderId);
            opened.Add(cause);
        }

        foreach (var entry in entries.Where(e => !causes.Contains(e.Cause)))
        {
            entry.Resolve(now);
        }

        return opened;
    }

    /// <summary>A shipment that is no longer late to leave (cancelled; one that shipped is resolved when its tracking starts).</summary>
    private async Task DispatchedAsync(Guid shipmentId, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var entry in await db.WatchEntries.Where(e => e.ShipmentId == shipmentId && e.Cause == DelayCause.DelayedDispatch && e.ResolvedAt == null).ToListAsync(ct))
        {
            entry.Resolve(now);
        }
    }

    private async Task<LaneFigures?> LaneAsync(TrackedShipment tracked, IDeliveryDays days, CancellationToken ct)
    {
        var carrier = CarrierName.Normalise(tracked.Carrier);
        var zone = LaneFigures.Zone(tracked.DestinationCountry, tracked.DestinationPostalCode);
        var key = $"{carrier}|{tracked.WarehouseCode}|{zone}";
        if (lanes.TryGetValue(key, out var known))
        {
            return known;
        }

        var country = tracked.DestinationCountry;
        var prefix = zone[(zone.IndexOf('-') + 1)..];
        var delivered = await db.TrackedShipments.AsNoTracking()
            .Where(t => t.DeliveredAt != null && t.Carrier != null && t.Carrier.ToLower() == carrier && t.WarehouseCode == tracked.WarehouseCode
                && t.DestinationCountry == country && t.DestinationPostalCode.StartsWith(prefix))
            .OrderByDescending(t => t.DeliveredAt).Take(LaneSample).Select(t => new { t.ShippedAt, DeliveredAt = t.DeliveredAt!.Value }).ToListAsync(ct);
        return lanes[key] = LaneFigures.Of(delivered.Select(d => days.Between(BerlinTime.DateOf(d.ShippedAt), BerlinTime.DateOf(d.DeliveredAt))).ToList(),
            options.Value.LaneHistoryMinimum);
    }
}
