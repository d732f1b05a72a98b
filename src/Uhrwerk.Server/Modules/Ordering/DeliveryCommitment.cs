using Uhrwerk.Server.Modules.Accounts;
using Uhrwerk.Server.Modules.Inventory;
using Uhrwerk.Server.Modules.Ordering.Domain;

namespace Uhrwerk.Server.Modules.Ordering;

/// <summary>What the warehouse can promise for lines, and the stock it sets aside for an order and frees again.</summary>
internal sealed class DeliveryCommitment(IInventory inventory)
{
    /// <summary>When the lines could be delivered to the address, complete and in parts, without reserving anything.</summary>
    public Task<IReadOnlyList<LinePromise>> PromiseAsync(IEnumerable<OrderLine> lines, DateOnly? requested, ShipToAddress address, CancellationToken ct) =>
        inventory.PromiseAsync(PromiseLines(lines, requested), DestinationOf(address), ct);

    /// <summary>
    /// Reserves stock for a placed order along the buyer's delivery choice and records the promised
    /// dates on its lines. Runs in the caller's transaction.
    /// </summary>
    public async Task<IReadOnlyList<LinePromise>> CommitAsync(Order order, CancellationToken ct)
    {
        var kind = order.DeliveryChoice == DeliveryChoice.Partial ? PlanKind.Partial : PlanKind.Complete;
        var promises = await inventory.ReserveAsync(new OrderToReserve(order.Id, order.CompanyId, order.Number, PromiseLines(order.Lines, order.RequestedDeliveryDate), DestinationOf(order.Destination)), kind, ct);
        order.Promise(order.Lines.Zip(promises).ToDictionary(p => p.First.Id, p => (IReadOnlyList<LineDelivery>)p.Second.Plan(kind).Parts
            .GroupBy(part => (part.DeliveryDate, part.WarehouseCode)).Select(g => new LineDelivery(g.Sum(part => part.Quantity), g.Key.DeliveryDate, g.Key.WarehouseCode)).ToList()));
        return promises;
    }

    /// <summary>How many of each SKU the warehouse has picked for the order: those can no longer be cancelled.</summary>
    public Task<IReadOnlyDictionary<string, int>> PickedAsync(Order order, CancellationToken ct) => inventory.PickedAsync(order.Id, ct);

    /// <summary>Frees what was reserved for a cancelled order; what was picked stays picked.</summary>
    public Task ReleaseAsync(Order order, CancellationToken ct) => inventory.ReleaseAsync(order.Id, ct);

    private static IReadOnlyList<PromiseLine> PromiseLines(IEnumerable<OrderLine> lines, DateOnly? requested) => lines.Select(l => new PromiseLine(l.Sku, l.Quantity, requested)).ToList();

    private static Destination DestinationOf(ShipToAddress address) => new(address.Country, address.PostalCode);
}
