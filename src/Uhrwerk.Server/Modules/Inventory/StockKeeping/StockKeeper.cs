using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Catalog;
using Uhrwerk.Server.Modules.Inventory.Domain;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Inventory.StockKeeping;

public sealed record ExpectReceiptRequest([property: Required, StringLength(40)] string Sku, [property: Required, StringLength(10)] string WarehouseCode, [property: Range(1, 10_000_000)] int Quantity,
    [property: Required] DateOnly? ExpectedOn, [property: Required, StringLength(100)] string Reference);

public sealed record ReceiveRequest([property: Range(1, 10_000_000)] int Quantity);

/// <param name="Quantity">Positive to add found goods, negative to remove missing ones.</param>
public sealed record AdjustRequest([property: Required, StringLength(40)] string Sku, [property: Required, StringLength(10)] string WarehouseCode, [property: Range(-10_000_000, 10_000_000)] int Quantity, [property: Required, StringLength(500)] string Reason);

public sealed record TransferRequest([property: Required, StringLength(40)] string Sku, [property: Required, StringLength(10)] string FromWarehouse, [property: Required, StringLength(10)] string ToWarehouse,
    [property: Range(1, 10_000_000)] int Quantity, [property: Required] DateOnly? ExpectedOn);

public sealed record ScrapRequest([property: Required, StringLength(40)] string Sku, [property: Required, StringLength(10)] string WarehouseCode, [property: Range(1, 10_000_000)] int Quantity, [property: Required, StringLength(500)] string Reason);

public sealed record ReturnToStockRequest([property: Required, StringLength(40)] string Sku, [property: Required, StringLength(10)] string WarehouseCode, [property: Range(1, 10_000_000)] int Quantity, [property: Required, StringLength(100)] string Reference);

public sealed record ReceiptResponse(Guid Id, string Kind, string Reference, string? FromWarehouse, string WarehouseCode, string Sku, int Quantity, int Received, int Promised, DateOnly ExpectedOn, string Status, decimal? OverfillsBy);

/// <summary>What the warehouse staff book: expected and received goods, adjustments, transfers, scrap, returns and picks.</summary>
internal sealed class StockKeeper(StockLedger ledger, CurrentUser me, TimeProvider clock, ICatalog catalog, Planning.InventoryPlanning planning)
{
    private Platform.Data.UhrwerkDbContext Db => ledger.Db;

    public async Task<ReceiptResponse> ExpectAsync(ExpectReceiptRequest request, CancellationToken ct)
    {
        RequestValidation.Validate(request);
        var (sku, warehouse) = await KnownAsync(request.Sku, request.WarehouseCode, ct);
        var receipt = ExpectedReceipt.Expect(ReceiptKind.Purchase, request.Reference, null, warehouse, sku, request.Quantity, request.ExpectedOn!.Value, clock.GetUtcNow());
        Db.ExpectedReceipts.Add(receipt);
        await Db.SaveChangesAsync(ct);
        return await DescribeAsync(receipt, ct);
    }

    /// <summary>Books goods that arrived: on hand grows; what was promised from this receipt, and then backorders, are reserved from it.</summary>
    public async Task<ReceiptResponse?> ReceiveAsync(Guid receiptId, int quantity, CancellationToken ct)
    {
        var receipt = await Db.ExpectedReceipts.AsNoTracking().SingleOrDefaultAsync(r => r.Id == receiptId, ct);
        if (receipt is null)
        {
            return null;
        }

        receipt.EnsureCanReceive(quantity);
        await ledger.EnsureLevelAsync(receipt.Sku, receipt.WarehouseCode, ct);
        await ledger.AtomicallyAsync(async () =>
        {
            var booked = await Db.ExpectedReceipts.Where(r => r.Id == receiptId && (r.Status == ReceiptStatus.Open || r.Status == ReceiptStatus.PartiallyReceived) && r.Received + quantity <= r.Quantity)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Received, r => r.Received + quantity)
                    .SetProperty(r => r.Status, r => r.Received + quantity == r.Quantity ? ReceiptStatus.Received : ReceiptStatus.PartiallyReceived), ct);
            if (booked != 1)
            {
                throw new DomainException("receipt_changed", T.Get("Inventory.ReceiptChanged"));
            }

            var kind = receipt.Kind == ReceiptKind.Transfer ? MovementKind.TransferIn : MovementKind.Receipt;
            await ledger.AddAsync(kind, receipt.Sku, receipt.WarehouseCode, quantity, null, receipt.Reference, me.DisplayName, ct);
            var left = await ServeAsync(receipt.Sku, receipt.WarehouseCode, quantity, r => r.ReceiptId == receiptId, ct);
            await ServeAsync(receipt.Sku, receipt.WarehouseCode, left, r => r.ReceiptId == null && r.WarehouseCode == "", ct);
            return true;
        }, ct);
        return await DescribeAsync(await Db.ExpectedReceipts.AsNoTracking().SingleAsync(r => r.Id == receiptId, ct), ct);
    }

    public async Task AdjustAsync(AdjustRequest request, CancellationToken ct)
    {
        RequestValidation.Validate(request);
        var (sku, warehouse) = await KnownAsync(request.Sku, request.WarehouseCode, ct);
        if (request.Quantity == 0)
        {
            throw ValidationFailedException.For("quantity", T.Get("Inventory.Quantity"));
        }

        await ledger.EnsureLevelAsync(sku, warehouse, ct);
        await ledger.AtomicallyAsync(async () =>
        {
            if (request.Quantity > 0)
            {
                await ledger.AddAsync(MovementKind.Adjustment, sku, warehouse, request.Quantity, request.Reason, null, me.DisplayName, ct);
            }
            else if (!await ledger.TryTakeAsync(MovementKind.Adjustment, sku, warehouse, -request.Quantity, request.Reason, null, me.DisplayName, ct))
            {
                throw NotEnough(sku, warehouse);
            }

            return true;
        }, ct);
    }

    /// <summary>Goods leave one warehouse now and are expected in the other on the given day, where receiving books them in.</summary>
    public async Task<ReceiptResponse> TransferAsync(TransferRequest request, CancellationToken ct)
    {
        RequestValidation.Validate(request);
        var (sku, from) = await KnownAsync(request.Sku, request.FromWarehouse, ct);
        var (_, to) = await KnownAsync(request.Sku, request.ToWarehouse, ct);
        if (from == to)
        {
            throw ValidationFailedException.For("toWarehouse", T.Get("Inventory.SameWarehouse"));
        }

        var receipt = ExpectedReceipt.Expect(ReceiptKind.Transfer, $"{from} → {to}", from, to, sku, request.Quantity, request.ExpectedOn!.Value, clock.GetUtcNow());
        await ledger.AtomicallyAsync(async () =>
        {
            if (!await ledger.TryTakeAsync(MovementKind.TransferOut, sku, from, request.Quantity, null, receipt.Reference, me.DisplayName, ct))
            {
                throw NotEnough(sku, from);
            }

            Db.ExpectedReceipts.Add(receipt);
            return true;
        }, ct);
        return await DescribeAsync(receipt, ct);
    }

    public async Task ScrapAsync(ScrapRequest request, CancellationToken ct)
    {
        RequestValidation.Validate(request);
        var (sku, warehouse) = await KnownAsync(request.Sku, request.WarehouseCode, ct);
        await ledger.AtomicallyAsync(async () => await ledger.TryTakeAsync(MovementKind.Scrap, sku, warehouse, request.Quantity, request.Reason, null, me.DisplayName, ct) ? true : throw NotEnough(sku, warehouse), ct);
    }

    public async Task ReturnToStockAsync(ReturnToStockRequest request, CancellationToken ct)
    {
        RequestValidation.Validate(request);
        var (sku, warehouse) = await KnownAsync(request.Sku, request.WarehouseCode, ct);
        await ledger.EnsureLevelAsync(sku, warehouse, ct);
        await ledger.AtomicallyAsync(async () =>
        {
            await ledger.AddAsync(MovementKind.ReturnToStock, sku, warehouse, request.Quantity, null, request.Reference, me.DisplayName, ct);
            await ServeAsync(sku, warehouse, request.Quantity, r => r.ReceiptId == null && r.WarehouseCode == "", ct);
            return true;
        }, ct);
    }

    /// <summary>Picks a stock reservation for shipping: the goods leave stock and the reservation is done.</summary>
    public async Task<bool> PickAsync(Guid reservationId, CancellationToken ct)
    {
        var reservation = await Db.Reservations.SingleOrDefaultAsync(r => r.Id == reservationId, ct);
        if (reservation is null)
        {
            return false;
        }

        reservation.Picked();
        await ledger.AtomicallyAsync(async () => await ledger.TryPickAsync(reservation.Sku, reservation.WarehouseCode, reservation.Quantity, reservation.OrderNumber, me.DisplayName, ct)
            ? true : throw NotEnough(reservation.Sku, reservation.WarehouseCode), ct);
        return true;
    }

    /// <summary>Turns waiting reservations (promised from a receipt, or backorders) into stock reservations, oldest first, as far as the quantity goes.</summary>
    private async Task<int> ServeAsync(string sku, string warehouse, int quantity, System.Linq.Expressions.Expression<Func<Reservation, bool>> waiting, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var queue = await Db.Reservations.Where(r => r.Sku == sku && r.Status == ReservationStatus.Active).Where(waiting).OrderBy(r => r.CreatedAt).ToListAsync(ct);
        foreach (var reservation in queue)
        {
            var take = Math.Min(quantity, reservation.Quantity);
            if (take == 0 || !await ledger.TryReserveAsync(sku, warehouse, take, ct))
            {
                break;
            }

            if (reservation.ReceiptId is { } receiptId)
            {
                await ledger.UnpromiseInboundAsync(receiptId, take, ct);
            }

            if (reservation.MoveToStock(warehouse, take, now) is { } rest)
            {
                Db.Reservations.Add(rest);
            }

            quantity -= take;
        }

        return quantity;
    }

    private async Task<(string Sku, string Warehouse)> KnownAsync(string sku, string warehouseCode, CancellationToken ct)
    {
        var (s, w) = (sku.Trim().ToUpperInvariant(), warehouseCode.Trim().ToUpperInvariant());
        if (!await Db.Warehouses.AnyAsync(x => x.Code == w, ct))
        {
            throw ValidationFailedException.For("warehouseCode", T.Format("Inventory.UnknownWarehouse", w));
        }

        if ((await catalog.FindAsync([s], Guid.Empty, ct)).Count == 0)
        {
            throw ValidationFailedException.For("sku", T.Format("Inventory.UnknownSku", s));
        }

        return (s, w);
    }

    private static DomainException NotEnough(string sku, string warehouse) => new("not_enough_stock", T.Format("Inventory.NotEnough", sku, warehouse));

    private async Task<ReceiptResponse> DescribeAsync(ExpectedReceipt r, CancellationToken ct) =>
        new(r.Id, r.Kind.ToString(), r.Reference, r.FromWarehouse, r.WarehouseCode, r.Sku, r.Quantity, r.Received, r.Promised, r.ExpectedOn, r.Status.ToString(),
            r.Status == ReceiptStatus.Open ? await planning.OverfillsByAsync(r.WarehouseCode, ct) : null);
}
