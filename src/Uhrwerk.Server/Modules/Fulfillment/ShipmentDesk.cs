using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Fulfillment.Domain;
using Uhrwerk.Server.Modules.Fulfillment.Events;
using Uhrwerk.Server.Modules.Inventory;
using Uhrwerk.Server.Modules.Ordering;
using Uhrwerk.Server.Modules.Ordering.Events;
using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Server.Modules.Fulfillment;

/// <summary>What a step of a shipment brings along: packages as packed, carrier and service, and when it left and arrived (now when not said).</summary>
internal sealed record ShipmentStep(IReadOnlyList<PackageSpec>? Packages = null, string? Carrier = null, string? Service = null, DateTimeOffset? ShippedAt = null, DateTimeOffset? DeliveredAt = null);

/// <summary>
/// The domain actions of shipments, whoever runs them (staff in the back office, the ERP or a warehouse system through the
/// API): each plans or moves a shipment, books what it means for stock (Inventory) and the order (Ordering) and publishes
/// its event, all in one transaction.
/// </summary>
internal sealed class ShipmentDesk(UhrwerkDbContext db, IOrdering ordering, IInventory inventory, TimeProvider clock)
{
    public UhrwerkDbContext Db => db;

    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>The order with all its shipments; null when there is no such order.</summary>
    public async Task<OrderFulfilment?> LoadAsync(Guid orderId, CancellationToken ct) =>
        await ordering.FindForFulfilmentAsync(orderId, ct) is { } order ? await WithShipmentsAsync(order, ct) : null;

    /// <inheritdoc cref="LoadAsync(Guid, CancellationToken)"/>
    public async Task<OrderFulfilment?> LoadAsync(string orderNumber, CancellationToken ct) =>
        await ordering.FindForFulfilmentAsync(orderNumber, ct) is { } order ? await WithShipmentsAsync(order, ct) : null;

    public Task<IReadOnlyList<string>> WarehousesAsync(CancellationToken ct) => inventory.WarehouseCodesAsync(ct);

    /// <summary>Plans a shipment of the order and tells the others; the caller saves.</summary>
    public async Task<Shipment> PlanAsync(OrderFulfilment fulfilment, string? reference, string warehouseCode, DateOnly plannedShipDate, DateOnly promisedDeliveryDate,
        string? carrier, string? service, IReadOnlyList<ShipmentLineRequest> lines, CancellationToken ct)
    {
        var warehouse = warehouseCode.Trim().ToUpperInvariant();
        if (!(await WarehousesAsync(ct)).Contains(warehouse))
        {
            throw Platform.Problems.ValidationFailedException.For("warehouseCode", Platform.Localization.T.Format("Inventory.UnknownWarehouse", warehouseCode));
        }

        var shipment = fulfilment.Plan(reference ?? $"{fulfilment.Order.Number}-{fulfilment.Shipments.Count + 1}", warehouse, plannedShipDate, promisedDeliveryDate,
            carrier, service, lines, Now);
        db.Shipments.Add(shipment);
        Publish(new ShipmentPlanned(Snapshot(fulfilment, shipment)), shipment);
        return shipment;
    }

    /// <summary>
    /// Moves a shipment to <paramref name="to"/> through every status on the way (the ERP may report a planned shipment as
    /// shipped at once): picking books the goods out of the warehouse, shipping sets the order's shipped quantities,
    /// delivery its delivered ones. The caller saves, in a transaction: picking changes stock at once.
    /// </summary>
    public async Task AdvanceAsync(OrderFulfilment fulfilment, Shipment shipment, ShipmentStatus to, ShipmentStep step, OrderActor by, CancellationToken ct)
    {
        foreach (var next in ShipmentStatusTransitions.PathTo(shipment.Status, to))
        {
            switch (next)
            {
                case ShipmentStatus.Picking:
                    fulfilment.EnsureCanPick(shipment);
                    await inventory.PickAsync(new ShipmentPick(shipment.OrderId, shipment.CompanyId, shipment.OrderNumber, shipment.Reference, shipment.WarehouseCode,
                        shipment.Lines.Select(l => new PickedGoods(l.Sku, l.Quantity)).ToList(), by.Name), ct);
                    await ordering.StartFulfilmentAsync(shipment.OrderId, by, ct);
                    shipment.StartPicking(Now);
                    break;
                case ShipmentStatus.Packed:
                    shipment.Pack(step.Packages ?? [], Now);
                    break;
                case ShipmentStatus.Shipped:
                    if (step.Packages is { Count: > 0 } packages)
                    {
                        shipment.Repack(packages);
                    }

                    shipment.Ship(step.Carrier, step.Service, step.ShippedAt ?? Now);
                    await ordering.RecordShippedAsync(shipment.OrderId, fulfilment.ShippedSoFar(), shipment.ShippedAt!.Value, shipment.TrackingNumbers, by, ct);
                    var backorders = fulfilment.Backorders();
                    Publish(new ShipmentShipped(Snapshot(fulfilment, shipment), fulfilment.ShippedComplete,
                        backorders.Select(b => new BackorderSnapshot(b.Position, b.Sku, b.Name, b.Quantity, b.PromisedDate)).ToList()), shipment);
                    break;
                case ShipmentStatus.Delivered:
                    shipment.Deliver(step.DeliveredAt ?? Now);
                    var delivered = await ordering.RecordDeliveredAsync(shipment.OrderId, fulfilment.DeliveredSoFar(), by, ct);
                    Publish(new ShipmentDelivered(Snapshot(fulfilment, shipment), delivered), shipment);
                    break;
                case ShipmentStatus.Cancelled:
                    shipment.Cancel(Now);
                    Publish(new ShipmentCancelled(Snapshot(fulfilment, shipment)), shipment);
                    break;
            }
        }
    }

    /// <summary>Saves everything in one transaction: stock moved by picking, the shipment, the order and the events.</summary>
    public async Task SaveAsync(Func<Task> work, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await work();
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    private async Task<OrderFulfilment> WithShipmentsAsync(OrderForFulfilment order, CancellationToken ct)
    {
        var shipments = await db.Shipments.Include(s => s.Lines).Include(s => s.Packages).AsSplitQuery()
            .Where(s => s.OrderId == order.OrderId).OrderBy(s => s.CreatedAt).ToListAsync(ct);
        return new OrderFulfilment(
            new OrderToShip(order.OrderId, order.CompanyId, order.Number, order.BuyerId, order.CanShip,
                order.Lines.Select(l => new OrderedLine(l.LineId, l.Position, l.Sku, l.Name, l.Unit, l.Quantity, l.PromisedDate,
                    l.Plan.Select(p => new PlannedPart(p.Quantity, p.DeliveryDate, p.WarehouseCode)).ToList())).ToList()),
            shipments);
    }

    /// <summary>A shipment's events are about its order: they reach each handler in the order's order.</summary>
    private void Publish(object @event, Shipment shipment) => db.Publish(@event, shipment.CompanyId, shipment.OrderId);

    public static ShipmentSnapshot Snapshot(OrderFulfilment fulfilment, Shipment s) => new(
        s.Id, s.Reference, s.OrderId, s.OrderNumber, fulfilment.Order.CompanyId, fulfilment.Order.BuyerId, s.WarehouseCode, s.Status.ToString(),
        s.PlannedShipDate, s.PromisedDeliveryDate, s.Carrier, s.Service, s.ShippedAt, s.DeliveredAt, s.DeliveredOn,
        s.Lines.OrderBy(l => l.Position).Select(l => new ShipmentLineSnapshot(l.Position, l.Sku, l.Name, l.Unit, l.Quantity)).ToList(),
        s.Packages.OrderBy(p => p.Number).Select(p => new PackageSnapshot(p.Number, p.WeightKg, p.LengthCm, p.WidthCm, p.HeightCm, p.TrackingNumber)).ToList());
}
