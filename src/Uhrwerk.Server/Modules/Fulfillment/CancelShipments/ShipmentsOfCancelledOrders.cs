using Uhrwerk.Server.Modules.Fulfillment.Domain;
using Uhrwerk.Server.Modules.Ordering.Events;
using Uhrwerk.Server.Platform.Outbox;

namespace Uhrwerk.Server.Modules.Fulfillment.CancelShipments;

/// <summary>
/// A cancelled order ships nothing more: its planned shipments are cancelled too. Ordering refuses to cancel an order
/// once goods were picked for it, so only planned shipments are left to cancel.
/// </summary>
internal sealed class ShipmentsOfCancelledOrders(ShipmentDesk desk) : IEventHandler<OrderCancelled>
{
    public const string Handler = "fulfillment";

    public async Task HandleAsync(OrderCancelled cancelled, EventContext context, CancellationToken ct)
    {
        if (await desk.LoadAsync(cancelled.Order.OrderId, ct) is not { } fulfilment)
        {
            return;
        }

        foreach (var shipment in fulfilment.Shipments.Where(s => s.Status == ShipmentStatus.Planned).ToList())
        {
            await desk.AdvanceAsync(fulfilment, shipment, ShipmentStatus.Cancelled, new ShipmentStep(), cancelled.CancelledBy, ct);
        }
    }
}
