using Uhrwerk.Server.Modules.Fulfillment.Domain;
using Uhrwerk.Server.Modules.Ordering.Events;
using Uhrwerk.Server.Platform.Outbox;

namespace Uhrwerk.Server.Modules.Fulfillment.CancelShipments;

/// <summary>
/// What a buyer cancelled ships no more: the planned shipments of a cancelled order, or of an order whose unpicked rest was
/// cancelled, are cancelled too. Ordering cancels only what was not picked, and a shipment's goods are picked when its picking
/// starts, so the planned shipments carry exactly the cancelled goods.
/// </summary>
internal sealed class ShipmentsOfCancelledOrders(ShipmentDesk desk) : IEventHandler<OrderCancelled>, IEventHandler<OrderRestCancelled>
{
    public const string Handler = "fulfillment";

    public Task HandleAsync(OrderCancelled cancelled, EventContext context, CancellationToken ct) => CancelPlannedAsync(cancelled.Order.OrderId, cancelled.CancelledBy, ct);

    public Task HandleAsync(OrderRestCancelled cancelled, EventContext context, CancellationToken ct) => CancelPlannedAsync(cancelled.Order.OrderId, cancelled.CancelledBy, ct);

    private async Task CancelPlannedAsync(Guid orderId, OrderActor by, CancellationToken ct)
    {
        if (await desk.LoadAsync(orderId, ct) is not { } fulfilment)
        {
            return;
        }

        foreach (var shipment in fulfilment.Shipments.Where(s => s.Status == ShipmentStatus.Planned).ToList())
        {
            await desk.AdvanceAsync(fulfilment, shipment, ShipmentStatus.Cancelled, new ShipmentStep(), by, ct);
        }
    }
}
