using Uhrwerk.Server.Modules.Ordering.Domain;
using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Server.Modules.Ordering;

/// <summary>An order line with the promise it was placed with, as other modules measure it (on-time-in-full).</summary>
public sealed class PromisedLine
{
    public Guid LineId { get; init; }
    public Guid OrderId { get; init; }
    public Guid CompanyId { get; init; }
    public int Quantity { get; init; }
    public DateOnly PromisedDate { get; init; }

    /// <summary>The delivery date the customer asked for on the order, if any.</summary>
    public DateOnly? RequestedDate { get; init; }
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
        where l.PromisedDate != null
        select new PromisedLine
        {
            LineId = l.Id, OrderId = o.Id, CompanyId = o.CompanyId!.Value, Quantity = l.Quantity, PromisedDate = l.PromisedDate!.Value, RequestedDate = o.RequestedDeliveryDate,
        };
}
