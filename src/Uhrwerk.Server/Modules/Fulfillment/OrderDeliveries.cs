using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Fulfillment.Domain;
using Uhrwerk.Server.Modules.Ordering;
using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Server.Modules.Fulfillment;

/// <summary>Answers Ordering's question for an order's partial deliveries and backorders from the shipments.</summary>
internal sealed class OrderDeliveries(UhrwerkDbContext db) : IOrderDeliveries
{
    public async Task<OrderDeliveryState> OfAsync(Guid orderId, Guid companyId, Guid buyerId, string orderNumber, IReadOnlyList<LineToDeliver> lines, CancellationToken ct)
    {
        var shipments = await db.Shipments.AsNoTracking().Include(s => s.Lines).Include(s => s.Packages).Where(s => s.OrderId == orderId)
            .OrderBy(s => s.PlannedShipDate).ThenBy(s => s.CreatedAt).ToListAsync(ct);
        var ordered = lines.Select((l, i) => new OrderedLine(l.LineId, i + 1, l.Sku, l.Name, l.Unit, l.Quantity, l.PromisedDate,
            l.Plan.Select(p => new PlannedPart(p.Quantity, p.Date, p.Warehouse)).ToList())).ToList();
        var fulfilment = new OrderFulfilment(new OrderToShip(orderId, companyId, orderNumber, buyerId, CanShip: true, ordered), shipments);
        var units = ordered.ToDictionary(l => l.LineId, l => l.Unit);
        return new OrderDeliveryState(
            shipments.Select(s => new PartialDelivery(s.Id, s.Reference, s.Status.ToString(), s.WarehouseCode, s.PlannedShipDate, s.PromisedDeliveryDate, s.ShippedAt, s.DeliveredOn,
                s.Carrier, s.TrackingNumbers, s.Lines.OrderBy(l => l.Position).Select(l => new DeliveredItem(l.Position, l.Sku, l.Name, l.Unit, l.Quantity)).ToList())).ToList(),
            fulfilment.Backorders().Select(b => new OpenQuantity(b.Position, b.Sku, b.Name, units[b.OrderLineId], b.Quantity, b.PromisedDate)).ToList());
    }
}
