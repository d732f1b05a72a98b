using Uhrwerk.Server.Modules.Ordering.Domain;
using Uhrwerk.Server.Modules.Ordering.PlaceOrder;

namespace Uhrwerk.Server.Modules.Ordering;

/// <summary>What other modules may ask Ordering to do.</summary>
public interface IOrdering
{
    /// <summary>
    /// Places an order in the name of <see cref="FixedPriceOrder.BuyerId"/> at the prices given (e.g. a contract's),
    /// with a delivery promise and reserved stock. The buyer's budget rules apply unless the order is pre-approved;
    /// an order that breaks them waits for the approvers. Whatever <paramref name="beforeSave"/> changes in the
    /// unit of work commits with the order or not at all, so a concurrency conflict there undoes the order too.
    /// </summary>
    Task<PlacedOrder> PlaceAtFixedPricesAsync(FixedPriceOrder order, Action<PlacedOrder> beforeSave, CancellationToken ct);
}

/// <summary>A line at a price agreed beforehand.</summary>
public sealed record FixedPriceLine(string Sku, int Quantity, decimal UnitPrice);

/// <param name="AddressIndex">One of the buyer's company addresses, shipping addresses first.</param>
public sealed record FixedPriceOrder(Guid BuyerId, int AddressIndex, DateOnly? RequestedDeliveryDate, string? PurchaseOrderReference, string? Comment, IReadOnlyList<FixedPriceLine> Lines, bool PreApproved);

/// <summary>An order as placed: <see cref="Status"/> is Placed, or PendingApproval when budget rules sent it to the approvers; promised dates per line (null while not placed).</summary>
public sealed record PlacedOrder(Guid Id, string Number, string Status, decimal Total, IReadOnlyList<DateOnly?> PromisedDates);

internal sealed class FixedPriceOrders(OrderPlacement placement) : IOrdering
{
    public Task<PlacedOrder> PlaceAtFixedPricesAsync(FixedPriceOrder order, Action<PlacedOrder> beforeSave, CancellationToken ct) =>
        placement.PlaceAtFixedPricesAsync(order, beforeSave, ct);

    public static PlacedOrder Describe(Order order) =>
        new(order.Id, order.Number, order.Status.ToString(), order.Total, order.Lines.Select(l => l.PromisedDate).ToList());
}
