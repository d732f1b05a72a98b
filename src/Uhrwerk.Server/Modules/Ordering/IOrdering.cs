using Uhrwerk.Server.Modules.Accounts;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Ordering.Domain;
using Uhrwerk.Server.Modules.Ordering.Events;
using Uhrwerk.Server.Modules.Ordering.PlaceOrder;
using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Server.Modules.Ordering;

/// <summary>
/// What other modules may ask of Ordering: contracts place orders at agreed prices; fulfilment reads an order to ship
/// it and reports what shipped and arrived. The changes are made in the caller's unit of work (the shared context), so they commit with the
/// caller's own change and their events, or not at all.
/// </summary>
public interface IOrdering
{
    /// <summary>
    /// Places an order in the name of <see cref="FixedPriceOrder.BuyerId"/> at the prices given (e.g. a contract's),
    /// with a delivery promise and reserved stock. The buyer's budget rules apply unless the order is pre-approved;
    /// an order that breaks them waits for the approvers. Whatever <paramref name="beforeSave"/> changes in the
    /// unit of work commits with the order or not at all, so a concurrency conflict there undoes the order too.
    /// </summary>
    Task<PlacedOrder> PlaceAtFixedPricesAsync(FixedPriceOrder order, Action<PlacedOrder> beforeSave, CancellationToken ct);

    /// <summary>The order with its lines and delivery plan, by id or by number; null when there is none.</summary>
    Task<OrderForFulfilment?> FindForFulfilmentAsync(Guid orderId, CancellationToken ct);

    /// <inheritdoc cref="FindForFulfilmentAsync(Guid, CancellationToken)"/>
    Task<OrderForFulfilment?> FindForFulfilmentAsync(string number, CancellationToken ct);

    /// <summary>The warehouse started picking for the order: it is in fulfilment from now on.</summary>
    Task StartFulfilmentAsync(Guid orderId, OrderActor by, CancellationToken ct);

    /// <summary>
    /// Goods of the order left: per line how many have shipped in total so far. The order becomes PartiallyShipped or
    /// Shipped and raises <see cref="OrderShipped"/>, the same domain action and event as the ERP's shipping report.
    /// </summary>
    Task RecordShippedAsync(Guid orderId, IReadOnlyDictionary<Guid, int> shippedSoFar, DateTimeOffset shippedAt, IReadOnlyList<string> trackingNumbers, OrderActor by, CancellationToken ct);

    /// <summary>The customer received goods: per line how many in total so far and when the last of them arrived. Answers whether the order is now delivered in full.</summary>
    Task<bool> RecordDeliveredAsync(Guid orderId, IReadOnlyDictionary<Guid, LineDeliveredSoFar> deliveredSoFar, OrderActor by, CancellationToken ct);
}

/// <summary>How many of an order line the customer has received in total, and the Berlin business day the last of them arrived (null: none yet).</summary>
public sealed record LineDeliveredSoFar(int Quantity, DateOnly? LastDeliveredOn);

/// <param name="CanShip">Placed with the supplier and neither cancelled nor closed: fulfilment may ship it.</param>
/// <param name="Destination">The ship-to address: delivery notes print it, tracking learns its lanes from it.</param>
public sealed record OrderForFulfilment(Guid OrderId, Guid CompanyId, string Number, Guid BuyerId, string Status, bool CanShip, DateOnly? RequestedDeliveryDate, IReadOnlyList<OrderLineForFulfilment> Lines,
    ShipToAddress Destination);

/// <param name="Quantity">What is due of the line: ordered, less what the buyer cancelled once fulfilment had started.</param>
/// <param name="Plan">The delivery plan the promise chose for what is due: quantity, date and warehouse of each part (no warehouse: a backorder without known supply).</param>
public sealed record OrderLineForFulfilment(Guid LineId, int Position, string Sku, string Name, string Unit, int Quantity, DateOnly? PromisedDate, IReadOnlyList<PlannedDelivery> Plan,
    int ShippedQuantity, int DeliveredQuantity);

/// <summary>A line at a price agreed beforehand.</summary>
public sealed record FixedPriceLine(string Sku, int Quantity, decimal UnitPrice);

/// <param name="AddressIndex">One of the buyer's company addresses, shipping addresses first.</param>
public sealed record FixedPriceOrder(Guid BuyerId, int AddressIndex, DateOnly? RequestedDeliveryDate, string? PurchaseOrderReference, string? Comment, IReadOnlyList<FixedPriceLine> Lines, bool PreApproved);

/// <summary>An order as placed: <see cref="Status"/> is Placed, or PendingApproval when budget rules sent it to the approvers; promised dates per line (null while not placed).</summary>
public sealed record PlacedOrder(Guid Id, string Number, string Status, decimal Total, IReadOnlyList<DateOnly?> PromisedDates);

internal sealed class OrderingForOthers(UhrwerkDbContext db, OrderPlacement placement, TimeProvider clock) : IOrdering
{
    public Task<PlacedOrder> PlaceAtFixedPricesAsync(FixedPriceOrder order, Action<PlacedOrder> beforeSave, CancellationToken ct) =>
        placement.PlaceAtFixedPricesAsync(order, beforeSave, ct);

    public async Task<OrderForFulfilment?> FindForFulfilmentAsync(Guid orderId, CancellationToken ct) =>
        await db.Orders.Include(o => o.Lines).SingleOrDefaultAsync(o => o.Id == orderId, ct) is { } order ? ForFulfilment(order) : null;

    public async Task<OrderForFulfilment?> FindForFulfilmentAsync(string number, CancellationToken ct) =>
        await db.Orders.Include(o => o.Lines).SingleOrDefaultAsync(o => o.Number == number.Trim(), ct) is { } order ? ForFulfilment(order) : null;

    public async Task StartFulfilmentAsync(Guid orderId, OrderActor by, CancellationToken ct) =>
        (await LoadAsync(orderId, ct)).StartFulfilment(new Actor(by.UserId, by.Name), clock.GetUtcNow());

    public async Task RecordShippedAsync(Guid orderId, IReadOnlyDictionary<Guid, int> shippedSoFar, DateTimeOffset shippedAt, IReadOnlyList<string> trackingNumbers, OrderActor by, CancellationToken ct)
    {
        var order = await LoadAsync(orderId, ct);
        var totals = order.Lines.Where(l => shippedSoFar.ContainsKey(l.Id)).ToDictionary(l => l.Sku, l => shippedSoFar[l.Id]);
        var reported = order.MarkShipped(totals, new Actor(by.UserId, by.Name), clock.GetUtcNow(), trackingNumbers.Count == 0 ? null : string.Join(", ", trackingNumbers));
        if (reported.Count > 0)
        {
            db.Publish(OrderFacts.Shipped(order, reported, shippedAt, trackingNumbers), order.CompanyId, order.Id);
        }
    }

    public async Task<bool> RecordDeliveredAsync(Guid orderId, IReadOnlyDictionary<Guid, LineDeliveredSoFar> deliveredSoFar, OrderActor by, CancellationToken ct)
    {
        var order = await LoadAsync(orderId, ct);
        order.MarkDelivered(deliveredSoFar, new Actor(by.UserId, by.Name), clock.GetUtcNow());
        return order.Status == OrderStatus.Delivered;
    }

    private async Task<Order> LoadAsync(Guid orderId, CancellationToken ct) =>
        await db.Orders.Include(o => o.Lines).SingleOrDefaultAsync(o => o.Id == orderId, ct) ?? throw new InvalidOperationException($"No order {orderId}.");

    private static OrderForFulfilment ForFulfilment(Order order) => new(order.Id, order.CompanyId!.Value, order.Number, order.BuyerId, order.Status.ToString(),
        order.Status is OrderStatus.Placed or OrderStatus.Confirmed or OrderStatus.InFulfillment or OrderStatus.PartiallyShipped, order.RequestedDeliveryDate,
        order.Lines.Select((l, i) => new OrderLineForFulfilment(l.Id, i + 1, l.Sku, l.Name, l.Unit, l.DueQuantity, l.PromisedDate,
            l.DuePlan().Select(d => new PlannedDelivery(d.Quantity, d.DeliveryDate, d.WarehouseCode)).ToList(), l.ShippedQuantity, l.DeliveredQuantity)).ToList(),
        order.Destination);

    public static PlacedOrder Describe(Order order) =>
        new(order.Id, order.Number, order.Status.ToString(), order.Total, order.Lines.Select(l => l.PromisedDate).ToList());
}
