using Uhrwerk.Server.Modules.Ordering;
using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Fulfillment.Domain;

/// <summary>One promised part of a line: this many on that day from that warehouse (none: a backorder without known supply).</summary>
public sealed record PlannedPart(int Quantity, DateOnly DeliveryDate, string WarehouseCode);

/// <summary>An order line as fulfilment sees it, with the delivery plan the promise chose.</summary>
public sealed record OrderedLine(Guid LineId, int Position, string Sku, string Name, string Unit, int Quantity, DateOnly? PromisedDate, IReadOnlyList<PlannedPart> Plan);

/// <summary>The order as fulfilment sees it.</summary>
public sealed record OrderToShip(Guid OrderId, Guid CompanyId, string Number, Guid BuyerId, bool CanShip, IReadOnlyList<OrderedLine> Lines);

/// <summary>What of a line no open shipment carries yet, with the date promised for it.</summary>
public sealed record Backorder(Guid OrderLineId, int Position, string Sku, string Name, int Quantity, DateOnly? PromisedDate);

/// <summary>A part of the delivery plan no shipment covers yet: ship this many of the line from the warehouse, delivered on that day.</summary>
public sealed record UncoveredPart(OrderedLine Line, int Quantity, DateOnly DeliveryDate, string WarehouseCode);

/// <summary>
/// An order with its shipments: the rule that the open shipments of a line never carry more than was ordered,
/// and what is still a backorder. Cancelled shipments give their quantities back.
/// </summary>
public sealed class OrderFulfilment(OrderToShip order, IReadOnlyList<Shipment> shipments)
{
    private readonly List<Shipment> _shipments = shipments.ToList();

    public OrderToShip Order => order;

    public IReadOnlyList<Shipment> Shipments => _shipments;

    /// <summary>How many of the line the open shipments carry.</summary>
    public int Covered(Guid lineId) => Carried(lineId, s => s.IsOpen);

    public Shipment Plan(string reference, string warehouseCode, DateOnly plannedShipDate, DateOnly promisedDeliveryDate, string? carrier, string? service,
        IReadOnlyList<ShipmentLineRequest> lines, DateTimeOffset now)
    {
        if (!order.CanShip)
        {
            throw new DomainException("order_not_shippable", T.Format("Fulfillment.OrderNotShippable", order.Number));
        }

        if (_shipments.Any(s => s.Reference == reference))
        {
            throw new DomainException("shipment_exists", T.Format("Fulfillment.ReferenceTaken", reference));
        }

        var taken = new List<ShipmentLine>();
        foreach (var (request, i) in lines.Select((l, i) => (l, i)))
        {
            var line = order.Lines.SingleOrDefault(l => l.LineId == request.OrderLineId)
                ?? throw ValidationFailedException.For($"lines[{i}].position", T.Format("Fulfillment.UnknownLine", order.Number));
            if (request.Quantity < 1)
            {
                throw ValidationFailedException.For($"lines[{i}].quantity", T.Get("Fulfillment.Quantity"));
            }

            var open = line.Quantity - Covered(line.LineId) - taken.Where(t => t.OrderLineId == line.LineId).Sum(t => t.Quantity);
            if (request.Quantity > open)
            {
                throw new UnprocessableException("over_shipped", $"lines[{i}].quantity", T.Format("Fulfillment.OverShipped", line.Position, line.Sku, request.Quantity, open));
            }

            taken.Add(ShipmentLine.Of(line, request.Quantity));
        }

        var shipment = Shipment.Plan(order, reference, warehouseCode, plannedShipDate, promisedDeliveryDate, carrier, service, taken, now);
        _shipments.Add(shipment);
        return shipment;
    }

    /// <summary>
    /// Picking takes a shipment's goods off the shelf for the order, so only while the order still wants them: not once it was
    /// cancelled, nor beyond what is due of a line after the buyer cancelled its unpicked rest (the shipment is cancelled then).
    /// </summary>
    public void EnsureCanPick(Shipment shipment)
    {
        if (!order.CanShip)
        {
            throw new DomainException("order_not_shippable", T.Format("Fulfillment.OrderNotShippable", order.Number));
        }

        foreach (var carried in shipment.Lines)
        {
            var line = order.Lines.Single(l => l.LineId == carried.OrderLineId);
            var open = line.Quantity - Carried(line.LineId, s => s.IsPicked && s.Id != shipment.Id);
            if (carried.Quantity > open)
            {
                throw new DomainException("over_shipped", T.Format("Fulfillment.OverShipped", line.Position, line.Sku, carried.Quantity, Math.Max(open, 0)));
            }
        }
    }

    /// <summary>
    /// The parts of the delivery plan that no open shipment covers yet, earliest first: shipments are taken to cover each
    /// line's plan from its earliest date on, so what stays is the latest. Parts without a warehouse wait for supply.
    /// </summary>
    public IReadOnlyList<UncoveredPart> Uncovered() =>
        order.Lines.SelectMany(line =>
        {
            var covered = Covered(line.LineId);
            var parts = new List<UncoveredPart>();
            foreach (var part in line.Plan.OrderBy(p => p.DeliveryDate))
            {
                var fromPart = Math.Min(covered, part.Quantity);
                covered -= fromPart;
                if (part.Quantity > fromPart)
                {
                    parts.Add(new UncoveredPart(line, part.Quantity - fromPart, part.DeliveryDate, part.WarehouseCode));
                }
            }

            var unplanned = line.Quantity - line.Plan.Sum(p => p.Quantity) - covered;
            if (unplanned > 0)
            {
                parts.Add(new UncoveredPart(line, unplanned, line.PromisedDate ?? DateOnly.MaxValue, ""));
            }

            return parts;
        }).OrderBy(p => p.DeliveryDate).ThenBy(p => p.Line.Position).ToList();

    /// <summary>
    /// What of each line has not shipped yet, per promised date: a planned shipment's date for what it carries, the delivery
    /// plan's date for what no shipment carries yet.
    /// </summary>
    public IReadOnlyList<Backorder> Backorders()
    {
        var planned = _shipments.Where(s => s.IsOpen && !s.HasShipped)
            .SelectMany(s => s.Lines.Select(l => (l.OrderLineId, l.Quantity, Date: (DateOnly?)s.PromisedDeliveryDate)));
        var uncovered = Uncovered().Select(u => (OrderLineId: u.Line.LineId, u.Quantity, Date: u.DeliveryDate == DateOnly.MaxValue ? null : (DateOnly?)u.DeliveryDate));
        return planned.Concat(uncovered)
            .GroupBy(b => (b.OrderLineId, b.Date))
            .Select(g => (Line: order.Lines.Single(l => l.LineId == g.Key.OrderLineId), g.Key.Date, Quantity: g.Sum(b => b.Quantity)))
            .OrderBy(b => b.Line.Position).ThenBy(b => b.Date)
            .Select(b => new Backorder(b.Line.LineId, b.Line.Position, b.Line.Sku, b.Line.Name, b.Quantity, b.Date)).ToList();
    }

    /// <summary>How many of each line the shipments that left have carried in total.</summary>
    public IReadOnlyDictionary<Guid, int> ShippedSoFar() => order.Lines.ToDictionary(l => l.LineId, l => Carried(l.LineId, s => s.HasShipped));

    /// <summary>How many of each line the customer has received in total, and the day the last of them arrived.</summary>
    public IReadOnlyDictionary<Guid, LineDeliveredSoFar> DeliveredSoFar() => order.Lines.ToDictionary(l => l.LineId, l => new LineDeliveredSoFar(
        Carried(l.LineId, s => s.Status == ShipmentStatus.Delivered),
        _shipments.Where(s => s.Status == ShipmentStatus.Delivered && s.Lines.Any(x => x.OrderLineId == l.LineId)).Max(s => s.DeliveredOn)));

    /// <summary>Every line has shipped in full.</summary>
    public bool ShippedComplete => order.Lines.All(l => Carried(l.LineId, s => s.HasShipped) == l.Quantity);

    private int Carried(Guid lineId, Func<Shipment, bool> which) =>
        _shipments.Where(which).SelectMany(s => s.Lines).Where(l => l.OrderLineId == lineId).Sum(l => l.Quantity);
}
