namespace Uhrwerk.Server.Modules.Ordering;

/// <summary>
/// The partial deliveries and backorders of one order, for the pages that show an order. Ordering owns the question and
/// Fulfillment, which knows the shipments, answers it, so that Ordering needs nothing of Fulfillment.
/// </summary>
public interface IOrderDeliveries
{
    /// <summary>The order's shipments with their contents, and what no shipment carries yet with its promised date.</summary>
    /// <param name="lines">The order's lines in their order (positions count from 1), each with what is still due of it and its plan.</param>
    Task<OrderDeliveryState> OfAsync(Guid orderId, Guid companyId, Guid buyerId, string orderNumber, IReadOnlyList<LineToDeliver> lines, CancellationToken ct);
}

/// <summary>A line of an order as the caller knows it: what is due of it, with its promised deliveries (quantity, day, warehouse).</summary>
public sealed record LineToDeliver(Guid LineId, string Sku, string Name, string Unit, int Quantity, DateOnly? PromisedDate, IReadOnlyList<(int Quantity, DateOnly Date, string Warehouse)> Plan);

public sealed record DeliveredItem(int Position, string Sku, string Name, string Unit, int Quantity);

/// <summary>One partial delivery of an order with its contents, status, dates and tracking numbers.</summary>
public sealed record PartialDelivery(Guid ShipmentId, string Reference, string Status, string WarehouseCode, DateOnly PlannedShipDate, DateOnly PromisedDeliveryDate,
    DateTimeOffset? ShippedAt, DateOnly? DeliveredOn, string? Carrier, IReadOnlyList<string> TrackingNumbers, IReadOnlyList<DeliveredItem> Items);

/// <summary>What of a line no shipment carries yet, and the date promised for it.</summary>
public sealed record OpenQuantity(int Position, string Sku, string Name, string Unit, int Quantity, DateOnly? PromisedDate);

public sealed record OrderDeliveryState(IReadOnlyList<PartialDelivery> Deliveries, IReadOnlyList<OpenQuantity> Backorders);
