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

    /// <summary>
    /// Picks a shipment's goods in its warehouse, in the caller's transaction: the order's stock reservations there
    /// become picked (on hand and reserved go down, the ledger records the pick); what the order has not reserved there
    /// is taken from free stock, and as much of what it holds elsewhere (other warehouses, receipts, backorders) is let go,
    /// latest first. Refused (409) when the warehouse has not enough.
    /// </summary>
    Task PickAsync(ShipmentPick pick, CancellationToken ct);

    /// <summary>How many of each SKU have been picked for the order so far.</summary>
    Task<IReadOnlyDictionary<string, int>> PickedAsync(Guid orderId, CancellationToken ct);

    /// <summary>The codes of all warehouses.</summary>
    Task<IReadOnlyList<string>> WarehouseCodesAsync(CancellationToken ct);

    /// <summary>Available stock per SKU over all warehouses.</summary>
    Task<IReadOnlyDictionary<string, int>> AvailableAsync(IReadOnlyCollection<string> skus, CancellationToken ct);

    /// <summary>How many working days at the destination lie after <paramref name="shippedOn"/> up to and including <paramref name="deliveredOn"/>: a parcel's transit time.</summary>
    int TransitWorkingDays(DateOnly shippedOn, DateOnly deliveredOn, Destination to);
}

public sealed record PromiseLine(string Sku, int Quantity, DateOnly? RequestedDate);

/// <summary>Where goods go: ISO country code and postal code.</summary>
public sealed record Destination(string Country, string PostalCode);

/// <summary>The goods of one shipment: what of each SKU leaves <paramref name="WarehouseCode"/> for the order; <paramref name="Reference"/> names the shipment in the ledger.</summary>
public sealed record ShipmentPick(Guid OrderId, Guid? CompanyId, string OrderNumber, string Reference, string WarehouseCode, IReadOnlyList<PickedGoods> Goods, string By);

public sealed record PickedGoods(string Sku, int Quantity);

public sealed record OrderToReserve(Guid OrderId, Guid? CompanyId, string OrderNumber, IReadOnlyList<PromiseLine> Lines, Destination To);

internal sealed class InventoryForOthers(Promise.DeliveryPromises promises, Reservations.OrderReservations reservations, Platform.Data.UhrwerkDbContext db) : IInventory
{
    public Task<IReadOnlyList<LinePromise>> PromiseAsync(IReadOnlyList<PromiseLine> lines, Destination to, CancellationToken ct) => promises.PromiseAsync(lines, to, ct);

    public Task<IReadOnlyList<LinePromise>> ReserveAsync(OrderToReserve order, PlanKind kind, CancellationToken ct) => reservations.ReserveAsync(order, kind, ct);

    public Task ReleaseAsync(Guid orderId, CancellationToken ct) => reservations.ReleaseAsync(orderId, ct);

    public Task PickAsync(ShipmentPick pick, CancellationToken ct) => reservations.PickAsync(pick, ct);

    public async Task<IReadOnlyDictionary<string, int>> PickedAsync(Guid orderId, CancellationToken ct) =>
        await db.Reservations.Where(r => r.OrderId == orderId && r.Status == ReservationStatus.Picked).GroupBy(r => r.Sku)
            .Select(g => new { Sku = g.Key, Quantity = g.Sum(r => r.Quantity) }).ToDictionaryAsync(g => g.Sku, g => g.Quantity, ct);

    public async Task<IReadOnlyList<string>> WarehouseCodesAsync(CancellationToken ct) =>
        await db.Warehouses.OrderBy(w => w.Code).Select(w => w.Code).ToListAsync(ct);

    public async Task<IReadOnlyDictionary<string, int>> AvailableAsync(IReadOnlyCollection<string> skus, CancellationToken ct) =>
        await db.StockLevels.Where(s => skus.Contains(s.Sku)).GroupBy(s => s.Sku)
            .Select(g => new { Sku = g.Key, Available = g.Sum(s => s.OnHand - s.Reserved) }).ToDictionaryAsync(g => g.Sku, g => g.Available, ct);

    public int TransitWorkingDays(DateOnly shippedOn, DateOnly deliveredOn, Destination to)
    {
        var calendar = WorkingCalendar.DeliveryDaysAt(to.Country.Trim().ToUpperInvariant() == "DE" ? GermanPostalCodes.Find(to.PostalCode) : null);
        var days = 0;
        for (var day = shippedOn.AddDays(1); day <= deliveredOn; day = day.AddDays(1))
        {
            days += calendar.IsWorkingDay(day) ? 1 : 0;
        }

        return days;
    }
}
