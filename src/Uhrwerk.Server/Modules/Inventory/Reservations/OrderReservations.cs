using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Inventory.Domain;
using Uhrwerk.Server.Modules.Inventory.Promise;
using Uhrwerk.Server.Modules.Inventory.StockKeeping;
using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Inventory.Reservations;

/// <summary>Holds stock, inbound goods or backorders for an order along the plan the buyer chose.</summary>
internal sealed class OrderReservations(DeliveryPromises promises, StockLedger ledger, TimeProvider clock)
{
    /// <summary>
    /// How often to promise again when someone else took the stock between promise and reservation;
    /// each miss means another reservation succeeded, so misses are bounded by the stock taken.
    /// </summary>
    private const int Attempts = 50;

    public async Task<IReadOnlyList<LinePromise>> ReserveAsync(OrderToReserve order, PlanKind kind, CancellationToken ct) =>
        await ledger.AtomicallyAsync(async () =>
        {
            for (var attempt = 0; attempt < Attempts; attempt++)
            {
                var promised = await promises.PromiseAsync(order.Lines, order.To, ct);

                // One lock order for every request (product, then warehouse) so that two orders never wait for each other.
                var parts = promised.SelectMany(p => p.Plan(kind).Parts.Select(part => (p.Sku, Part: part)))
                    .OrderBy(p => p.Sku, StringComparer.Ordinal).ThenBy(p => p.Part.WarehouseCode, StringComparer.Ordinal).ToList();
                var taken = new List<(string Sku, DeliveryPart Part)>();
                foreach (var (sku, part) in parts)
                {
                    if (!await TryHoldAsync(sku, part, ct))
                    {
                        break;
                    }

                    taken.Add((sku, part));
                }

                if (taken.Count == parts.Count)
                {
                    var now = clock.GetUtcNow();
                    ledger.Db.Reservations.AddRange(taken.Select(t => Reservation.For(order.OrderId, order.CompanyId, order.OrderNumber, t.Part, t.Sku, now)));
                    return promised;
                }

                foreach (var (sku, part) in taken)
                {
                    await LetGoAsync(sku, part.WarehouseCode, part.ReceiptId, part.Quantity, ct);
                }
            }

            throw new DomainException("stock_contended", T.Get("Inventory.Contended"));
        }, ct);

    public async Task ReleaseAsync(Guid orderId, CancellationToken ct) =>
        await ledger.AtomicallyAsync(async () =>
        {
            var active = await ledger.Db.Reservations.Where(r => r.OrderId == orderId && r.Status == ReservationStatus.Active).ToListAsync(ct);
            foreach (var reservation in active)
            {
                await LetGoAsync(reservation.Sku, reservation.WarehouseCode, reservation.ReceiptId, reservation.Quantity, ct);
                reservation.Release();
            }

            return active.Count;
        }, ct);

    private async Task<bool> TryHoldAsync(string sku, DeliveryPart part, CancellationToken ct) => part switch
    {
        { ReceiptId: { } receiptId } => await ledger.TryPromiseInboundAsync(receiptId, part.Quantity, ct),
        { WarehouseCode.Length: > 0 } => await ledger.TryReserveAsync(sku, part.WarehouseCode, part.Quantity, ct),
        _ => true,
    };

    private async Task LetGoAsync(string sku, string warehouseCode, Guid? receiptId, int quantity, CancellationToken ct)
    {
        if (receiptId is { } id)
        {
            await ledger.UnpromiseInboundAsync(id, quantity, ct);
        }
        else if (warehouseCode.Length > 0)
        {
            await ledger.UnreserveAsync(sku, warehouseCode, quantity, ct);
        }
    }
}
