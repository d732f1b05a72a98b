using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Inventory.Domain;
using Uhrwerk.Server.Platform;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Localization;

namespace Uhrwerk.Server.Modules.Inventory.StockKeeping;

public sealed record StockResponse(string Sku, string WarehouseCode, int OnHand, int Reserved, int Available, int InboundOpen, int InboundPromised, int Projected);

public sealed record MovementResponse(Guid Id, DateTimeOffset At, string Sku, string WarehouseCode, string Kind, int Quantity, string? Reason, string? Reference, string By);

public sealed record ReservationResponse(Guid Id, string OrderNumber, string Sku, string WarehouseCode, Guid? ReceiptId, int Quantity, DateOnly DeliveryDate, string Status, string Source);

/// <param name="Consistent">True when every stock level is the sum of its movements and every reserved or promised quantity the sum of its reservations.</param>
public sealed record ConsistencyReport(bool Consistent, IReadOnlyList<string> Mismatches);

internal sealed class StockQueries(UhrwerkDbContext db, Planning.InventoryPlanning planning)
{
    public async Task<PagedList<StockResponse>> StockAsync(string? sku, string? warehouse, int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size, skip) = PagedList<StockResponse>.Clamp(page, pageSize);
        var query = db.StockLevels.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(sku))
        {
            var prefix = sku.Trim().ToUpperInvariant();
            query = query.Where(s => s.Sku.StartsWith(prefix));
        }

        if (!string.IsNullOrWhiteSpace(warehouse))
        {
            query = query.Where(s => s.WarehouseCode == warehouse.Trim().ToUpperInvariant());
        }

        var total = await query.CountAsync(ct);
        var levels = await query.OrderBy(s => s.Sku).ThenBy(s => s.WarehouseCode).Skip(skip).Take(size).ToListAsync(ct);
        var skus = levels.Select(l => l.Sku).Distinct().ToList();
        var inbound = await db.ExpectedReceipts.AsNoTracking().Where(r => skus.Contains(r.Sku) && (r.Status == ReceiptStatus.Open || r.Status == ReceiptStatus.PartiallyReceived))
            .GroupBy(r => new { r.Sku, r.WarehouseCode }).Select(g => new { g.Key.Sku, g.Key.WarehouseCode, Open = g.Sum(r => r.Quantity - r.Received), Promised = g.Sum(r => r.Promised) })
            .ToDictionaryAsync(g => (g.Sku, g.WarehouseCode), ct);
        return new PagedList<StockResponse>(levels.Select(l =>
        {
            var i = inbound.GetValueOrDefault((l.Sku, l.WarehouseCode));
            var position = new Domain.Planning.StockPosition(l.Sku, l.WarehouseCode, l.OnHand, l.Reserved, i?.Open ?? 0, i?.Promised ?? 0, 0);
            return new StockResponse(l.Sku, l.WarehouseCode, l.OnHand, l.Reserved, l.Available, position.InboundOpen, position.InboundPromised, position.Projected);
        }).ToList(), p, size, total);
    }

    public async Task<PagedList<MovementResponse>> MovementsAsync(string? sku, string? warehouse, int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size, skip) = PagedList<MovementResponse>.Clamp(page, pageSize, 50);
        var query = db.StockMovements.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(sku))
        {
            query = query.Where(m => m.Sku == sku.Trim().ToUpperInvariant());
        }

        if (!string.IsNullOrWhiteSpace(warehouse))
        {
            query = query.Where(m => m.WarehouseCode == warehouse.Trim().ToUpperInvariant());
        }

        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(m => m.At).ThenByDescending(m => m.Id).Skip(skip).Take(size).ToListAsync(ct);
        return new PagedList<MovementResponse>(items.Select(m => new MovementResponse(m.Id, m.At, m.Sku, m.WarehouseCode, m.Kind.ToString(), m.Quantity, m.Reason, m.Reference, m.By)).ToList(), p, size, total);
    }

    public async Task<PagedList<ReceiptResponse>> ReceiptsAsync(bool openOnly, int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size, skip) = PagedList<ReceiptResponse>.Clamp(page, pageSize, 50);
        var query = db.ExpectedReceipts.AsNoTracking().Where(r => !openOnly || r.Status == ReceiptStatus.Open || r.Status == ReceiptStatus.PartiallyReceived);
        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(r => r.ExpectedOn).ThenBy(r => r.Sku).Skip(skip).Take(size).ToListAsync(ct);
        var overfilled = (await planning.CapacityAsync(ct)).Where(c => c.Overfilled).ToDictionary(c => c.WarehouseCode, c => c.UsedWithInbound - c.Capacity);
        return new PagedList<ReceiptResponse>(items.Select(r => new ReceiptResponse(r.Id, r.Kind.ToString(), r.Reference, r.FromWarehouse, r.WarehouseCode, r.Sku, r.Quantity, r.Received, r.Promised,
            r.ExpectedOn, r.Status.ToString(), r.Status == ReceiptStatus.Open && overfilled.TryGetValue(r.WarehouseCode, out var by) ? by : null)).ToList(), p, size, total);
    }

    public async Task<IReadOnlyList<ReservationResponse>> ReservationsOfAsync(string orderNumber, CancellationToken ct) =>
        (await db.Reservations.AsNoTracking().Where(r => r.OrderNumber == orderNumber).OrderBy(r => r.Sku).ThenBy(r => r.DeliveryDate).ToListAsync(ct))
            .Select(r => new ReservationResponse(r.Id, r.OrderNumber, r.Sku, r.WarehouseCode, r.ReceiptId, r.Quantity, r.DeliveryDate, r.Status.ToString(),
                r.IsOnStock ? "Stock" : r.ReceiptId is not null ? "Inbound" : r.Status == ReservationStatus.Active ? "Backorder" : "-")).ToList();

    /// <summary>Proves the ledger: stock = sum of movements, reserved = active stock reservations, promised = active inbound reservations.</summary>
    public async Task<ConsistencyReport> ConsistencyAsync(CancellationToken ct)
    {
        var levels = await db.StockLevels.AsNoTracking().ToListAsync(ct);
        var moved = await db.StockMovements.AsNoTracking().GroupBy(m => new { m.Sku, m.WarehouseCode }).Select(g => new { g.Key.Sku, g.Key.WarehouseCode, Sum = g.Sum(m => m.Quantity) })
            .ToDictionaryAsync(g => (g.Sku, g.WarehouseCode), g => g.Sum, ct);
        var active = await db.Reservations.AsNoTracking().Where(r => r.Status == ReservationStatus.Active).ToListAsync(ct);
        var reserved = active.Where(r => r.IsOnStock).GroupBy(r => (r.Sku, r.WarehouseCode)).ToDictionary(g => g.Key, g => g.Sum(r => r.Quantity));
        var promised = active.Where(r => r.ReceiptId is not null).GroupBy(r => r.ReceiptId!.Value).ToDictionary(g => g.Key, g => g.Sum(r => r.Quantity));
        var receipts = await db.ExpectedReceipts.AsNoTracking().Where(r => r.Promised > 0 || promised.Keys.Contains(r.Id)).ToListAsync(ct);

        var mismatches = new List<string>();
        foreach (var level in levels)
        {
            var key = (level.Sku, level.WarehouseCode);
            if (moved.GetValueOrDefault(key) != level.OnHand)
            {
                mismatches.Add(T.Format("Inventory.MismatchOnHand", level.Sku, level.WarehouseCode, level.OnHand, moved.GetValueOrDefault(key)));
            }

            if (reserved.GetValueOrDefault(key) != level.Reserved)
            {
                mismatches.Add(T.Format("Inventory.MismatchReserved", level.Sku, level.WarehouseCode, level.Reserved, reserved.GetValueOrDefault(key)));
            }

            if (level.Reserved < 0 || level.Reserved > level.OnHand)
            {
                mismatches.Add(T.Format("Inventory.MismatchOverReserved", level.Sku, level.WarehouseCode, level.Reserved, level.OnHand));
            }
        }

        mismatches.AddRange(moved.Keys.Where(k => !levels.Any(l => (l.Sku, l.WarehouseCode) == k)).Select(k => T.Format("Inventory.MismatchNoLevel", k.Sku, k.WarehouseCode)));
        mismatches.AddRange(receipts.Where(r => promised.GetValueOrDefault(r.Id) != r.Promised).Select(r => T.Format("Inventory.MismatchPromised", r.Reference, r.Sku, r.Promised, promised.GetValueOrDefault(r.Id))));
        return new ConsistencyReport(mismatches.Count == 0, mismatches);
    }
}
