using Uhrwerk.Server.Modules.Ordering.Domain;
using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Server.Modules.Ordering;

/// <summary>An order line with the promise it was placed with, as other modules measure it (on-time-in-full).</summary>
public sealed class PromisedLine
{
    public Guid LineId { get; init; }
    public Guid OrderId { get; init; }
    public Guid CompanyId { get; init; }

    /// <summary>What is due of the line: ordered, less what the buyer cancelled once fulfilment had started.</summary>
    public int Quantity { get; init; }
    public DateOnly PromisedDate { get; init; }

    /// <summary>The delivery date the customer asked for on the order, if any.</summary>
    public DateOnly? RequestedDate { get; init; }

    /// <summary>How many the customer has received, and the day the last of them arrived.</summary>
    public int Delivered { get; init; }

    public DateOnly? LastDeliveredOn { get; init; }
}

public static class PromisedLines
{
    /// <summary>
    /// The promised lines of placed orders that were not cancelled, as a query other modules compose into theirs,
    /// so that a report over a million lines runs as one SQL statement instead of loading them.
    /// </summary>
    public static IQueryable<PromisedLine> Of(UhrwerkDbContext db) =>
        from o in db.Orders
        where o.PlacedAt != null && o.Status != OrderStatus.Cancelled
        from l in o.Lines
        where l.PromisedDate != null && l.Quantity > l.CancelledQuantity
        select new PromisedLine
        {
            LineId = l.Id, OrderId = o.Id, CompanyId = o.CompanyId!.Value, Quantity = l.Quantity - l.CancelledQuantity, PromisedDate = l.PromisedDate!.Value, RequestedDate = o.RequestedDeliveryDate,
            Delivered = l.DeliveredQuantity, LastDeliveredOn = l.LastDeliveredOn,
        };
}

/// <summary>What a document about an order (a delivery note) prints of it.</summary>
public sealed class OrderForDocuments
{
    public Guid OrderId { get; init; }
    public string Number { get; init; } = "";
    public Guid BuyerId { get; init; }
    public string BuyerName { get; init; } = "";
    public string ShipTo { get; init; } = "";
    public string? PurchaseOrderReference { get; init; }
    public DateTimeOffset? PlacedAt { get; init; }

    /// <summary>The order as documents print it; the caller's company filter applies as to every order query.</summary>
    public static IQueryable<OrderForDocuments> Of(UhrwerkDbContext db) =>
        db.Orders.Select(o => new OrderForDocuments
        {
            OrderId = o.Id, Number = o.Number, BuyerId = o.BuyerId, BuyerName = o.BuyerName, ShipTo = o.ShipTo, PurchaseOrderReference = o.PurchaseOrderReference, PlacedAt = o.PlacedAt,
        });
}
