using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Fulfillment.Domain;
using Uhrwerk.Server.Modules.Ordering.Events;

namespace Uhrwerk.Server.Modules.Fulfillment;

/// <summary>What other modules may ask of Fulfillment.</summary>
public interface IFulfillment
{
    /// <summary>
    /// The carrier delivered the shipment at <paramref name="deliveredAt"/>: it becomes Delivered, and its order with it,
    /// through the same domain action as a delivery staff record. A shipment that is not on its way (delivered already,
    /// cancelled) stays as it is; answers whether it moved. The caller saves.
    /// </summary>
    Task<bool> RecordDeliveredAsync(Guid shipmentId, DateTimeOffset deliveredAt, string carrier, CancellationToken ct);
}

internal sealed class FulfillmentFacade(ShipmentDesk desk) : IFulfillment
{
    public async Task<bool> RecordDeliveredAsync(Guid shipmentId, DateTimeOffset deliveredAt, string carrier, CancellationToken ct)
    {
        var orderId = await desk.Db.Shipments.Where(s => s.Id == shipmentId).Select(s => (Guid?)s.OrderId).SingleOrDefaultAsync(ct);
        if (orderId is null || await desk.LoadAsync(orderId.Value, ct) is not { } fulfilment
            || fulfilment.Shipments.Single(s => s.Id == shipmentId) is not { Status: ShipmentStatus.Shipped, ShippedAt: { } shippedAt } shipment)
        {
            return false;
        }

        // A carrier's clock is not ours: its delivery scan may read a little before our shipping time or after our now.
        var at = deliveredAt < shippedAt ? shippedAt : deliveredAt > desk.Now ? desk.Now : deliveredAt;
        await desk.AdvanceAsync(fulfilment, shipment, ShipmentStatus.Delivered, new ShipmentStep(DeliveredAt: at), new OrderActor(Guid.Empty, carrier), ct);
        return true;
    }
}
