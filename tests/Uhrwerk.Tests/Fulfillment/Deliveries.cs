using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Fulfillment.Domain;
using Uhrwerk.Server.Modules.Ordering.Domain;
using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Tests.Fulfillment;

/// <summary>
/// Ships and delivers parts of an order through the fulfilment and ordering domains, for specs of what is read from shipments
/// and the order (OTIF, delivery notes, the order page); shipping itself has its own specs through its API.
/// </summary>
public static class Deliveries
{
    /// <summary>An instant on the Berlin business day <paramref name="day"/>.</summary>
    public static DateTimeOffset Noon(DateOnly day) => new(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);

    public static async Task<Shipment> ShipAsync(UhrwerkDbContext db, Guid orderId, string reference, string warehouse, string carrier,
        IReadOnlyDictionary<string, int> quantities, DateOnly promised, DateOnly? deliveredOn, string? trackingNumber = null)
    {
        var order = await db.Orders.Include(o => o.Lines).SingleAsync(o => o.Id == orderId);
        var lines = order.Lines.OrderBy(l => l.Sku).Select((l, i) => new OrderedLine(l.Id, i + 1, l.Sku, l.Name, l.Unit, l.Quantity, l.PromisedDate, [])).ToList();
        var shipments = await db.Shipments.Include(s => s.Lines).Where(s => s.OrderId == orderId).ToListAsync();
        var fulfilment = new OrderFulfilment(new OrderToShip(order.Id, order.CompanyId!.Value, order.Number, order.BuyerId, true, lines), shipments);
        var shipDay = (deliveredOn ?? promised).AddDays(-1);
        var shipment = fulfilment.Plan(reference, warehouse, shipDay, promised, carrier, "Standard",
            quantities.Select(q => new ShipmentLineRequest(lines.Single(l => l.Sku == q.Key).LineId, q.Value)).ToList(), Noon(shipDay).AddDays(-2));
        if (deliveredOn is { } delivered)
        {
            shipment.StartPicking(Noon(shipDay).AddHours(-2));
            shipment.Pack([new PackageSpec(2.5m, 40, 30, 20, trackingNumber)], Noon(shipDay).AddHours(-1));
            shipment.Ship(null, null, Noon(shipDay));
            shipment.Deliver(Noon(delivered));

            // The order learns what left and what arrived as from the shipment desk: on-time-in-full reads it from the order's lines.
            // An order the desk could not ship (the isolation spec's awaits approval) stays as it is; its shipment is there to be read.
            if (order.Status is OrderStatus.Placed or OrderStatus.Confirmed or OrderStatus.InFulfillment or OrderStatus.PartiallyShipped)
            {
                var by = new Actor(Guid.Empty, "Spec");
                order.StartFulfilment(by, Noon(shipDay));
                var shipped = fulfilment.ShippedSoFar();
                order.MarkShipped(order.Lines.ToDictionary(l => l.Sku, l => shipped[l.Id]), by, Noon(shipDay), null);
                order.MarkDelivered(fulfilment.DeliveredSoFar(), by, Noon(delivered));
            }
        }

        db.Shipments.Add(shipment);
        await db.SaveChangesAsync();
        return shipment;
    }
}
