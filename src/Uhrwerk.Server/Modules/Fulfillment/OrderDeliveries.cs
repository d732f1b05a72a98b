using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Fulfillment.Domain;
using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Server.Modules.Fulfillment;

/// <summary>A line of an order as the caller knows it, with its promised deliveries (quantity, day, warehouse).</summary>
public sealed record LineToDeliver(Guid LineId, string Sku, string Name, string Unit, int Quantity, DateOnly? PromisedDate, IReadOnlyList<(int Quantity, DateOnly Date, string Warehouse)> Plan);

public sealed record DeliveredItem(int Position, string Sku, string Name, string Unit, int Quantity);

/// <summary>One partial delivery of an order with its contents, status, dates and tracking numbers.</summary>
public sealed record PartialDelivery(Guid ShipmentId, string Reference, string Status, string WarehouseCode, DateOnly PlannedShipDate, DateOnly PromisedDeliveryDate,
    DateTimeOffset? ShippedAt, DateOnly? DeliveredOn, string? Carrier, IReadOnlyList<string> TrackingNumbers, IReadOnlyList<DeliveredItem> Items);

/// <summary>What of a line no shipment carries yet, and the date promised for it.</summary>
public sealed record OpenQuantity(int Position, string Sku, string Name, string Unit, int Quantity, DateOnly? PromisedDate);

public sealed record OrderDeliveryState(IReadOnlyList<PartialDelivery> Deliveries, IReadOnlyList<OpenQuantity> Backorders);

/// <summary>The partial deliveries and backorders of one order, for the pages that show an order.</summary>
public sealed class OrderDeliveries(UhrwerkDbContext db)
{
    /// <param name="lines">The order's lines in their order; positions count from 1.</param>
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
