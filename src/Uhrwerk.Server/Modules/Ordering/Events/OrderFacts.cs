using Uhrwerk.Server.Modules.Ordering.Domain;

namespace Uhrwerk.Server.Modules.Ordering.Events;

/// <summary>Turns Ordering's own types into the plain records its events carry.</summary>
internal static class OrderFacts
{
    public static OrderSnapshot Snapshot(Order order) => new(
        order.Id,
        order.Number,
        order.CompanyId!.Value,
        order.CustomerNumber,
        order.BuyerId,
        order.BuyerName,
        order.Status.ToString(),
        order.DeliveryChoice.ToString(),
        order.CreatedAt,
        order.PlacedAt,
        order.RequestedDeliveryDate,
        order.PurchaseOrderReference,
        order.Comment,
        new ShipToSnapshot(order.ShipTo, order.ShipToPostalCode, order.ShipToCountry),
        order.Total,
        "EUR",
        order.Lines.Select((l, i) => new OrderLineSnapshot(i + 1, l.Sku, l.Name, l.Unit, l.Quantity, l.UnitPrice, l.LineTotal, l.PromisedDate,
            l.Deliveries.Select(d => new PlannedDelivery(d.Quantity, d.DeliveryDate, d.WarehouseCode)).ToList(), l.ConfirmedDate, l.ShippedQuantity, l.CancelledQuantity)).ToList(),
        order.ErpOrderNumber);

    public static IReadOnlyList<BudgetExcess> Findings(Order order) =>
        order.Findings.Select(f => new BudgetExcess(f.Rule.ToString(), f.Limit, f.Actual, f.Excess)).ToList();

    /// <summary>What a shipping report shipped, however it came (the ERP's report or a shipment of fulfilment).</summary>
    public static OrderShipped Shipped(Order order, IReadOnlyList<(OrderLine Line, int Quantity)> reported, DateTimeOffset shippedAt, IReadOnlyList<string> trackingNumbers) =>
        new(Snapshot(order), reported.Select(r => new ShippedLine(PositionOf(order, r.Line), r.Line.Sku, r.Line.Name, r.Quantity, r.Line.ShippedQuantity)).ToList(),
            shippedAt, trackingNumbers, order.Lines.All(l => l.ShippedQuantity == l.DueQuantity));

    public static OrderRestCancelled RestCancelled(Order order, Actor by, string reason, IReadOnlyList<(OrderLine Line, int Quantity)> cancelled) =>
        new(Snapshot(order), ActorOf(by), reason,
            cancelled.Select(c => new CancelledLine(PositionOf(order, c.Line), c.Line.Sku, c.Line.Name, c.Line.Unit, c.Quantity, c.Line.DueQuantity)).OrderBy(c => c.Position).ToList());

    public static int PositionOf(Order order, OrderLine line) => order.Lines.ToList().IndexOf(line) + 1;

    public static OrderActor ActorOf(Actor actor) => new(actor.Id, actor.Name);
}
