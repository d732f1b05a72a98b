using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Inventory.Domain;
using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Server.Modules.Inventory.StockKeeping;

/// <summary>
/// The only code that changes stock levels. Every change is one conditional UPDATE whose WHERE
/// clause states the rule (never reserve or take more than is available, never pick more than is
/// reserved), so concurrent requests on any number of instances cannot oversell: on PostgreSQL the
/// row lock makes the second UPDATE re-check the condition, on SQLite writers are serialised.
/// Changes of on-hand stock also write a movement, so stock is always the sum of its movements.
/// </summary>
internal sealed class StockLedger(UhrwerkDbContext db, TimeProvider clock)
{
    public UhrwerkDbContext Db => db;

    /// <summary>Creates the stock row for a product in a warehouse if it is missing; call outside a transaction.</summary>
    public async Task EnsureLevelAsync(string sku, string warehouseCode, CancellationToken ct)
    {
        if (await Level(sku, warehouseCode).AnyAsync(ct))
        {
            return;
        }

        var level = StockLevel.Empty(sku, warehouseCode);
        db.StockLevels.Add(level);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another request created it first.
        }
        finally
        {
            db.Entry(level).State = EntityState.Detached;
        }
    }

    /// <summary>Goods come in (receipt, transfer in, return to stock, positive adjustment).</summary>
    public async Task AddAsync(MovementKind kind, string sku, string warehouseCode, int quantity, string? reason, string? reference, string by, CancellationToken ct)
    {
        var movement = StockMovement.Record(kind, sku, warehouseCode, quantity, reason, reference, by, clock.GetUtcNow());
        if (await Level(sku, warehouseCode).ExecuteUpdateAsync(s => s.SetProperty(l => l.OnHand, l => l.OnHand + quantity), ct) != 1)
        {
            throw new InvalidOperationException($"No stock row for {sku} in {warehouseCode}; EnsureLevelAsync first.");
        }

        db.StockMovements.Add(movement);
    }

    /// <summary>Goods leave without a reservation (transfer out, scrap, negative adjustment): only what is not reserved. False if not enough.</summary>
    public async Task<bool> TryTakeAsync(MovementKind kind, string sku, string warehouseCode, int quantity, string? reason, string? reference, string by, CancellationToken ct)
    {
        var movement = StockMovement.Record(kind, sku, warehouseCode, -quantity, reason, reference, by, clock.GetUtcNow());
        if (await Level(sku, warehouseCode).Where(l => l.OnHand - l.Reserved >= quantity)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.OnHand, l => l.OnHand - quantity), ct) != 1)
        {
            return false;
        }

        db.StockMovements.Add(movement);
        return true;
    }

    /// <summary>Reserved goods are picked for shipping: they leave stock and their reservation.</summary>
    public async Task<bool> TryPickAsync(string sku, string warehouseCode, int quantity, string reference, string by, CancellationToken ct)
    {
        var movement = StockMovement.Record(MovementKind.Pick, sku, warehouseCode, -quantity, null, reference, by, clock.GetUtcNow());
        if (await Level(sku, warehouseCode).Where(l => l.Reserved >= quantity && l.OnHand >= quantity)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.OnHand, l => l.OnHand - quantity).SetProperty(l => l.Reserved, l => l.Reserved - quantity), ct) != 1)
        {
            return false;
        }

        db.StockMovements.Add(movement);
        return true;
    }

    public async Task<bool> TryReserveAsync(string sku, string warehouseCode, int quantity, CancellationToken ct) =>
        await Level(sku, warehouseCode).Where(l => l.OnHand - l.Reserved >= quantity)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Reserved, l => l.Reserved + quantity), ct) == 1;

    /// <summary>
    /// Reserves several stock rows in one statement, each only where enough is available; answers the rows it
    /// reserved, so a caller that needed all of them can let go of the others. On PostgreSQL the rows are locked
    /// in one order (product, then warehouse) first, so that two orders never wait for each other.
    /// </summary>
    public async Task<IReadOnlyList<StockHold>> TryReserveAllAsync(IReadOnlyList<StockHold> wanted, CancellationToken ct)
    {
        var parameters = new List<object>();
        var rows = string.Join(" UNION ALL ", wanted.Select(w =>
        {
            parameters.AddRange([w.Sku, w.WarehouseCode, w.Quantity]);
            return $"SELECT {{{parameters.Count - 3}}} AS sku, {{{parameters.Count - 2}}} AS wh, {{{parameters.Count - 1}}} AS qty";
        }));
        var sql = db.Database.IsNpgsql()
            ? $"""
               WITH wanted AS MATERIALIZED ({rows}),
               locked AS MATERIALIZED (SELECT s."Sku", s."WarehouseCode" FROM inventory_stock AS s JOIN wanted AS w ON s."Sku" = w.sku AND s."WarehouseCode" = w.wh
                   ORDER BY s."Sku", s."WarehouseCode" FOR UPDATE OF s)
               UPDATE inventory_stock AS s SET "Reserved" = s."Reserved" + w.qty FROM wanted AS w, locked AS l
               WHERE s."Sku" = w.sku AND s."WarehouseCode" = w.wh AND l."Sku" = s."Sku" AND l."WarehouseCode" = s."WarehouseCode" AND s."OnHand" - s."Reserved" >= w.qty
               RETURNING s."Sku" AS "Sku", s."WarehouseCode" AS "WarehouseCode"
               """
            : $"""
               WITH wanted AS ({rows})
               UPDATE inventory_stock AS s SET "Reserved" = s."Reserved" + w.qty FROM wanted AS w
               WHERE s."Sku" = w.sku AND s."WarehouseCode" = w.wh AND s."OnHand" - s."Reserved" >= w.qty
               RETURNING "Sku", "WarehouseCode"
               """;
        var reserved = (await db.Database.SqlQueryRaw<StockRow>(sql, [.. parameters]).ToListAsync(ct)).ToHashSet();
        return wanted.Where(w => reserved.Contains(new StockRow(w.Sku, w.WarehouseCode))).ToList();
    }

    private sealed record StockRow(string Sku, string WarehouseCode);

    public async Task UnreserveAsync(string sku, string warehouseCode, int quantity, CancellationToken ct)
    {
        if (await Level(sku, warehouseCode).Where(l => l.Reserved >= quantity)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.Reserved, l => l.Reserved - quantity), ct) != 1)
        {
            throw new InvalidOperationException($"Releasing {quantity} of {sku} in {warehouseCode} that were not reserved.");
        }
    }

    public async Task<bool> TryPromiseInboundAsync(Guid receiptId, int quantity, CancellationToken ct) =>
        await db.ExpectedReceipts.Where(r => r.Id == receiptId && (r.Status == ReceiptStatus.Open || r.Status == ReceiptStatus.PartiallyReceived) && r.Quantity - r.Received - r.Promised >= quantity)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Promised, r => r.Promised + quantity), ct) == 1;

    public async Task UnpromiseInboundAsync(Guid receiptId, int quantity, CancellationToken ct) =>
        await db.ExpectedReceipts.Where(r => r.Id == receiptId && r.Promised >= quantity)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Promised, r => r.Promised - quantity), ct);

    /// <summary>Runs the work in the caller's transaction, or in one of its own.</summary>
    public async Task<T> AtomicallyAsync<T>(Func<Task<T>> work, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return await work();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var result = await work();
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return result;
    }

    private IQueryable<StockLevel> Level(string sku, string warehouseCode) => db.StockLevels.Where(l => l.Sku == sku && l.WarehouseCode == warehouseCode);
}

/// <summary>A quantity of a product held in one warehouse.</summary>
internal sealed record StockHold(string Sku, string WarehouseCode, int Quantity);
