using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Fulfillment.Events;
using Uhrwerk.Server.Modules.Ordering;
using Uhrwerk.Server.Modules.Tracking.Domain;
using Uhrwerk.Server.Modules.Tracking.Events;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Outbox;

namespace Uhrwerk.Server.Modules.Tracking.StartTracking;

/// <summary>
/// Every shipment that left the warehouse is tracked from then on, whether the back office or the ERP shipped it.
/// Events may be handed out twice, so a shipment already tracked is left as it is.
/// </summary>
internal sealed class TrackShippedShipments(UhrwerkDbContext db, IOrdering ordering, TimeProvider clock) : IEventHandler<ShipmentShipped>
{
    public const string Handler = "tracking";

    public async Task HandleAsync(ShipmentShipped shipped, EventContext context, CancellationToken ct)
    {
        var s = shipped.Shipment;
        if (await db.TrackedShipments.AnyAsync(t => t.ShipmentId == s.ShipmentId, ct) || await ordering.FindForFulfilmentAsync(s.OrderId, ct) is not { } order)
        {
            return;
        }

        var tracked = TrackedShipment.Start(
            new ShipmentToTrack(s.ShipmentId, s.CompanyId, s.OrderId, s.OrderNumber, s.Reference, s.WarehouseCode, s.Carrier, s.Service, s.PlannedShipDate,
                s.PromisedDeliveryDate, s.ShippedAt ?? context.OccurredAt, order.Destination.PostalCode, order.Destination.Country,
                s.Packages.Select(p => p.TrackingNumber).OfType<string>().ToList()),
            clock.GetUtcNow());
        db.TrackedShipments.Add(tracked);
        db.Publish(new TrackingStarted(TrackingSnapshot.Of(tracked)), tracked.CompanyId, tracked.OrderId);
    }
}
