using Uhrwerk.Server.Modules.Fulfillment;
using Uhrwerk.Server.Modules.Tracking.Domain;
using Uhrwerk.Server.Modules.Tracking.Events;
using Uhrwerk.Server.Platform.Outbox;

namespace Uhrwerk.Server.Modules.Tracking.Delivery;

/// <summary>
/// The carrier's delivery scan records the delivery in Fulfillment, as if staff had: the shipment and its order become
/// delivered. Events may come twice and a shipment may have been recorded delivered by hand; Fulfillment leaves such a
/// shipment as it is.
/// </summary>
internal sealed class DeliveredByCarrier(IFulfillment fulfillment) : IEventHandler<TrackingUpdated>
{
    public const string Handler = "tracking-delivered";

    public async Task HandleAsync(TrackingUpdated updated, EventContext context, CancellationToken ct)
    {
        if (updated.Tracking is { Status: nameof(TrackingStatus.Delivered), DeliveredAt: { } at } tracking)
        {
            await fulfillment.RecordDeliveredAsync(tracking.ShipmentId, at, tracking.Carrier ?? "carrier", ct);
        }
    }
}
