using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Fulfillment.Domain;
using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Tests.Fulfillment;

/// <summary>
/// Ships and delivers parts of an order through the fulfilment domain, for specs of what is read from shipments
/// (OTIF, delivery notes, the order page); shipping itself has its own specs through its API.
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
        }

        db.Shipments.Add(shipment);
        await db.SaveChangesAsync();
        return shipment;
    }
}
