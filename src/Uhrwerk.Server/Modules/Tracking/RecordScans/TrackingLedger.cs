using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Tracking.Domain;
using Uhrwerk.Server.Modules.Tracking.Events;
using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Server.Modules.Tracking.RecordScans;

public enum RecordOutcome
{
    /// <summary>No tracked shipment has a parcel with this carrier and tracking number.</summary>
    UnknownParcel,

    /// <summary>Every scan was known already.</summary>
    NothingNew,

    Recorded,
}

/// <summary>
/// The one way carrier scans reach a shipment, whatever brought them (webhook, poll, simulator): find the shipment by
/// its parcel, record what is new, and tell the others what changed. The caller saves the unit of work, so the scans
/// and the event commit together.
/// </summary>
public sealed class TrackingLedger(UhrwerkDbContext db, TimeProvider clock)
{
    public async Task<RecordOutcome> RecordAsync(TrackingUpdate update, CancellationToken ct)
    {
        var carrier = CarrierName.Normalise(update.Carrier);
        var number = update.TrackingNumber.Trim();
        var tracked = await db.TrackedShipments.Include(t => t.Parcels).Include(t => t.Scans).AsSplitQuery()
            .Where(t => t.Parcels.Any(p => p.Carrier == carrier && p.TrackingNumber == number))
            .OrderByDescending(t => t.ShippedAt)
            .FirstOrDefaultAsync(ct);
        if (tracked is null)
        {
            return RecordOutcome.UnknownParcel;
        }

        if (tracked.Record(update.Scans, clock.GetUtcNow()) is not { } change)
        {
            return RecordOutcome.NothingNew;
        }

        db.Publish(
            new TrackingUpdated(TrackingSnapshot.Of(tracked), change.PreviousStatus.ToString(), change.PreviousCarrierEta,
                change.NewScans.OrderBy(s => s.OccurredAt).Select(ScanSnapshot.Of).ToList()),
            tracked.CompanyId, tracked.OrderId);
        return RecordOutcome.Recorded;
    }
}
