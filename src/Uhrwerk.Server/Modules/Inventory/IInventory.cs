using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Inventory.Domain;

namespace Uhrwerk.Server.Modules.Inventory;

/// <summary>What other modules may ask of Inventory: delivery promises, reservations for orders, availability.</summary>
public interface IInventory
{
    /// <summary>The earliest delivery plans (complete and, where it is earlier in part, partial) for these lines to a destination, from current stock and inbound goods.</summary>
    Task<IReadOnlyList<LinePromise>> PromiseAsync(IReadOnlyList<PromiseLine> lines, Destination to, CancellationToken ct);

    /// <summary>
    /// Promises the lines again and reserves stock, inbound goods or backorders along the chosen plan,
    /// in the caller's transaction; never more than is available, whatever runs at the same time.
    /// Returns the promises the reservations follow.
    /// </summary>
    Task<IReadOnlyList<LinePromise>> ReserveAsync(OrderToReserve order, PlanKind kind, CancellationToken ct);

    /// <summary>Releases everything still reserved for the order (cancellation, or before reserving it anew).</summary>
    Task ReleaseAsync(Guid orderId, CancellationToken ct);

    /// <summary>Available stock per SKU over all warehouses.</summary>
    Task<IReadOnlyDictionary<string, int>> AvailableAsync(IReadOnlyCollection<string> skus, CancellationToken ct);
}

public sealed record PromiseLine(string Sku, int Quantity, DateOnly? RequestedDate);

/// <summary>Where goods go: ISO country code and postal code.</summary>
public sealed record Destination(string Country, string PostalCode);

public sealed record OrderToReserve(Guid OrderId, Guid? CompanyId, string OrderNumber, IReadOnlyList<PromiseLine> Lines, Destination To);

internal sealed class InventoryForOthers(Promise.DeliveryPromises promises, Reservations.OrderReservations reservations, Platform.Data.UhrwerkDbContext db) : IInventory
{
    public Task<IReadOnlyList<LinePromise>> PromiseAsync(IReadOnlyList<PromiseLine> lines, Destination to, CancellationToken ct) => promises.PromiseAsync(lines, to, ct);

    public Task<IReadOnlyList<LinePromise>> ReserveAsync(OrderToReserve order, PlanKind kind, CancellationToken ct) => reservations.ReserveAsync(order, kind, ct);

    public Task ReleaseAsync(Guid orderId, CancellationToken ct) => reservations.ReleaseAsync(orderId, ct);

    public async Task<IReadOnlyDictionary<string, int>> AvailableAsync(IReadOnlyCollection<string> skus, CancellationToken ct) =>
        await db.StockLevels.Where(s => skus.Contains(s.Sku)).GroupBy(s => s.Sku)
            .Select(g => new { Sku = g.Key, Available = g.Sum(s => s.OnHand - s.Reserved) }).ToDictionaryAsync(g => g.Sku, g => g.Available, ct);
}
