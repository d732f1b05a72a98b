using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Inventory.Domain;
using Uhrwerk.Server.Modules.Inventory.Domain.Planning;
using Uhrwerk.Server.Platform;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Inventory.Planning;

/// <summary>
/// Loads stock, inbound goods, reservations and the ledger into the planning rules of the domain.
/// A page showing several reports loads the positions once and passes them to each; the API's
/// single reports leave them out and get them loaded.
/// </summary>
internal sealed class InventoryPlanning(UhrwerkDbContext db, TimeProvider clock)
{
    public DateOnly Today => DateOnly.FromDateTime(BerlinTime.ToLocal(clock.GetUtcNow()).DateTime);

    /// <summary>
    /// Stock, open inbound and promised quantities per product and warehouse. Backorders have no
    /// warehouse yet; they count against the first warehouse (by code) with a reorder point for the product.
    /// </summary>
    public async Task<IReadOnlyList<StockPosition>> PositionsAsync(CancellationToken ct)
    {
        var stock = await db.StockLevels.AsNoTracking().Select(s => new { s.Sku, s.WarehouseCode, s.OnHand, s.Reserved }).ToListAsync(ct);
        var inbound = await db.ExpectedReceipts.AsNoTracking().Where(r => r.Status == ReceiptStatus.Open || r.Status == ReceiptStatus.PartiallyReceived)
            .GroupBy(r => new { r.Sku, r.WarehouseCode }).Select(g => new { g.Key.Sku, g.Key.WarehouseCode, Open = g.Sum(r => r.Quantity - r.Received), Promised = g.Sum(r => r.Promised) }).ToListAsync(ct);
        var backorders = await db.Reservations.AsNoTracking().Where(r => r.Status == ReservationStatus.Active && r.ReceiptId == null && r.WarehouseCode == "")
            .GroupBy(r => r.Sku).Select(g => new { Sku = g.Key, Quantity = g.Sum(r => r.Quantity) }).ToDictionaryAsync(g => g.Sku, g => g.Quantity, ct);
        var backorderHome = (await db.ReorderPoints.AsNoTracking().Select(r => new { r.Sku, r.WarehouseCode }).ToListAsync(ct))
            .GroupBy(r => r.Sku).ToDictionary(g => g.Key, g => g.Min(r => r.WarehouseCode)!);

        var keys = stock.Select(s => (s.Sku, s.WarehouseCode)).Concat(inbound.Select(i => (i.Sku, i.WarehouseCode)))
            .Concat(backorders.Keys.Where(backorderHome.ContainsKey).Select(sku => (Sku: sku, WarehouseCode: backorderHome[sku]))).Distinct();
        var stockBy = stock.ToDictionary(s => (s.Sku, s.WarehouseCode));
        var inboundBy = inbound.ToDictionary(i => (i.Sku, i.WarehouseCode));
        return keys.Select(k => new StockPosition(k.Sku, k.WarehouseCode,
                stockBy.GetValueOrDefault(k)?.OnHand ?? 0, stockBy.GetValueOrDefault(k)?.Reserved ?? 0,
                inboundBy.GetValueOrDefault(k)?.Open ?? 0, inboundBy.GetValueOrDefault(k)?.Promised ?? 0,
                backorderHome.GetValueOrDefault(k.Sku) == k.WarehouseCode ? backorders.GetValueOrDefault(k.Sku) : 0))
            .OrderBy(p => p.Sku).ThenBy(p => p.WarehouseCode).ToList();
    }

    public async Task<IReadOnlyList<ReplenishmentSuggestion>> ReplenishmentAsync(CancellationToken ct, IReadOnlyList<StockPosition>? positions = null)
    {
        var byKey = (positions ?? await PositionsAsync(ct)).ToDictionary(p => (p.Sku, p.WarehouseCode));
        var rules = (await db.ReorderPoints.AsNoTracking().ToListAsync(ct)).Select(r => ReorderRule.Create(r.Sku, r.WarehouseCode, r.Min, r.Max, r.Multiple, r.LeadTimeDays));
        return Replenishment.Suggest(rules, byKey, Today);
    }

    /// <summary>Turns the current suggestion for a product in a warehouse into an expected receipt from the supplier.</summary>
    public async Task<ExpectedReceipt?> OrderSuggestionAsync(string sku, string warehouseCode, string reference, CancellationToken ct)
    {
        var suggestion = (await ReplenishmentAsync(ct)).SingleOrDefault(s => s.Sku == sku && s.WarehouseCode == warehouseCode);
        if (suggestion is null)
        {
            return null;
        }

        var receipt = ExpectedReceipt.Expect(ReceiptKind.Purchase, reference, null, warehouseCode, sku, suggestion.Quantity, suggestion.ArriveBy, clock.GetUtcNow());
        db.ExpectedReceipts.Add(receipt);
        await db.SaveChangesAsync(ct);
        return receipt;
    }

    public async Task<IReadOnlyList<OverstockItem>> OverstockAsync(int maxDaysOfCover, CancellationToken ct, IReadOnlyList<StockPosition>? positions = null)
    {
        if (maxDaysOfCover is < 1 or > 3650)
        {
            throw ValidationFailedException.For("days", T.Get("Inventory.CoverDays"));
        }

        var since = clock.GetUtcNow().AddDays(-90);
        var demand = await db.StockMovements.AsNoTracking().Where(m => m.Kind == MovementKind.Pick && m.At >= since)
            .GroupBy(m => new { m.Sku, m.WarehouseCode }).Select(g => new { g.Key.Sku, g.Key.WarehouseCode, Shipped = -g.Sum(m => m.Quantity) }).ToListAsync(ct);
        return Overstock.Find(positions ?? await PositionsAsync(ct), demand.Select(d => new DemandHistory(d.Sku, d.WarehouseCode, d.Shipped)), maxDaysOfCover);
    }

    public async Task<IReadOnlyList<CapacityUse>> CapacityAsync(CancellationToken ct, IReadOnlyList<StockPosition>? positions = null)
    {
        var warehouses = await db.Warehouses.AsNoTracking().OrderBy(w => w.Code).Select(w => new WarehouseCapacity(w.Code, w.Capacity)).ToListAsync(ct);
        var space = await db.ProductSpaces.AsNoTracking().ToDictionaryAsync(s => s.Sku, s => s.PerUnit, ct);
        return CapacityPlanning.Utilisation(warehouses, positions ?? await PositionsAsync(ct), space);
    }

    /// <summary>How much space the warehouse lacks once all expected receipts are in; null while it fits.</summary>
    public async Task<decimal?> OverfillsByAsync(string warehouseCode, CancellationToken ct) =>
        (await CapacityAsync(ct)).SingleOrDefault(c => c.WarehouseCode == warehouseCode) is { Overfilled: true } use ? use.UsedWithInbound - use.Capacity : null;

    /// <summary>Transfers that let each warehouse cover its region's demand in the period, forecast from the same period last year.</summary>
    public async Task<PeakReport> PeakAsync(DateOnly from, DateOnly to, decimal growthFactor, CancellationToken ct, IReadOnlyList<StockPosition>? positions = null)
    {
        // The forecast reads the same period a year earlier, which the first year of the calendar has not.
        if (from.Year == DateOnly.MinValue.Year || to < from || to.DayNumber - from.DayNumber > 366 || growthFactor is <= 0 or > 10)
        {
            throw ValidationFailedException.For("to", T.Get("Inventory.PeakPeriod"));
        }

        var start = new DateTimeOffset(from.AddYears(-1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(-1);
        var end = new DateTimeOffset(to.AddYears(-1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(2);
        var picks = await db.StockMovements.AsNoTracking().Where(m => m.Kind == MovementKind.Pick && m.At >= start && m.At < end)
            .Select(m => new { m.Sku, m.WarehouseCode, m.At, m.Quantity }).ToListAsync(ct);
        var history = picks.Select(p => (p.Sku, p.WarehouseCode, DateOnly.FromDateTime(BerlinTime.ToLocal(p.At).DateTime), -p.Quantity));
        return PeakPlanning.Plan(PeakPlanning.ForecastFromHistory(history, from, to, growthFactor), positions ?? await PositionsAsync(ct));
    }
}
