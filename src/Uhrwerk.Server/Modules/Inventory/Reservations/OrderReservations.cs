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

                var parts = promised.SelectMany(p => p.Plan(kind).Parts.Select(part => (p.Sku, Part: part))).ToList();
                var fromStock = parts.Where(p => p.Part is { ReceiptId: null, WarehouseCode.Length: > 0 })
                    .GroupBy(p => (p.Sku, p.Part.WarehouseCode), p => p.Part.Quantity)
                    .Select(g => new StockHold(g.Key.Sku, g.Key.WarehouseCode, g.Sum())).ToList();
                var held = fromStock.Count == 0 ? [] : await ledger.TryReserveAllAsync(fromStock, ct);
                var inbound = new List<DeliveryPart>();
                if (held.Count == fromStock.Count)
                {
                    // One lock order for every request (product, then receipt) so that two orders never wait for each other.
                    foreach (var (_, part) in parts.Where(p => p.Part.ReceiptId is not null).OrderBy(p => p.Sku, StringComparer.Ordinal).ThenBy(p => p.Part.ReceiptId))
                    {
                        if (!await ledger.TryPromiseInboundAsync(part.ReceiptId!.Value, part.Quantity, ct))
                        {
                            break;
                        }

                        inbound.Add(part);
                    }

                    if (inbound.Count == parts.Count(p => p.Part.ReceiptId is not null))
                    {
                        var now = clock.GetUtcNow();
                        ledger.Db.Reservations.AddRange(parts.Select(p => Reservation.For(order.OrderId, order.CompanyId, order.OrderNumber, p.Part, p.Sku, now)));
                        return promised;
                    }
                }

                foreach (var hold in held)
                {
                    await ledger.UnreserveAsync(hold.Sku, hold.WarehouseCode, hold.Quantity, ct);
                }

                foreach (var part in inbound)
                {
                    await ledger.UnpromiseInboundAsync(part.ReceiptId!.Value, part.Quantity, ct);
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

    public async Task PickAsync(ShipmentPick pick, CancellationToken ct) =>
        await ledger.AtomicallyAsync(async () =>
        {
            var now = clock.GetUtcNow();
            var skus = pick.Goods.Select(g => g.Sku).ToList();
            var active = await ledger.Db.Reservations.Where(r => r.OrderId == pick.OrderId && r.Status == ReservationStatus.Active && skus.Contains(r.Sku)).ToListAsync(ct);
            foreach (var goods in pick.Goods.GroupBy(g => g.Sku, g => g.Quantity).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var (sku, wanted) = (goods.Key, goods.Sum());
                var left = wanted;
                foreach (var reservation in active.Where(r => r.Sku == sku && r.IsOnStock && r.WarehouseCode == pick.WarehouseCode).OrderBy(r => r.DeliveryDate).ToList())
                {
                    var take = Math.Min(left, reservation.Quantity);
                    if (take == 0)
                    {
                        break;
                    }

                    Keep(reservation.PickPart(take, now));
                    left -= take;
                }

                var unreserved = left;
                if (unreserved > 0 && !await ledger.TryReserveAsync(sku, pick.WarehouseCode, unreserved, ct))
                {
                    throw new DomainException("not_enough_stock", T.Format("Inventory.NotEnoughToPick", sku, pick.WarehouseCode, unreserved));
                }

                if (!await ledger.TryPickAsync(sku, pick.WarehouseCode, wanted, pick.Reference, pick.By, ct))
                {
                    throw new DomainException("not_enough_stock", T.Format("Inventory.NotEnoughToPick", sku, pick.WarehouseCode, wanted));
                }

                if (unreserved > 0)
                {
                    ledger.Db.Reservations.Add(Reservation.PickedFromStock(pick.OrderId, pick.CompanyId, pick.OrderNumber, sku, pick.WarehouseCode, unreserved, now));
                }

                // The order still holds what it had reserved for these goods elsewhere: let go of as much, latest first.
                foreach (var reservation in active.Where(r => r.Sku == sku && r.Status == ReservationStatus.Active && !(r.IsOnStock && r.WarehouseCode == pick.WarehouseCode))
                             .OrderByDescending(r => r.DeliveryDate).ToList())
                {
                    var release = Math.Min(unreserved, reservation.Quantity);
                    if (release == 0)
                    {
                        break;
                    }

                    await LetGoAsync(sku, reservation.WarehouseCode, reservation.ReceiptId, release, ct);
                    Keep(reservation.ReleasePart(release, now));
                    unreserved -= release;
                }
            }

            return true;

            void Keep(Reservation? rest)
            {
                if (rest is not null)
                {
                    ledger.Db.Reservations.Add(rest);
                    active.Add(rest);
                }
            }
        }, ct);

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
