using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Inventory.Domain;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Inventory.Promise;

/// <summary>Loads what a promise needs (warehouses, transit times, stock, unpromised inbound goods) and lets the domain promise.</summary>
internal sealed class DeliveryPromises(UhrwerkDbContext db, ReferenceData reference, TimeProvider clock)
{
    /// <summary>Working days to promise for goods nobody has in stock or on order yet.</summary>
    public const int FallbackLeadDays = 15;

    public Task<IReadOnlyList<LinePromise>> PromiseAsync(IReadOnlyList<PromiseLine> lines, Destination to, CancellationToken ct) =>
        InventoryMetrics.TimedPromiseAsync(() => PromiseUntimedAsync(lines, to, ct));

    private async Task<IReadOnlyList<LinePromise>> PromiseUntimedAsync(IReadOnlyList<PromiseLine> lines, Destination to, CancellationToken ct)
    {
        if (lines.Any(l => l.Quantity is < 1 or > 10_000_000))
        {
            throw ValidationFailedException.For("quantity", T.Get("Inventory.Quantity"));
        }

        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(BerlinTime.ToLocal(now).DateTime);
        foreach (var line in lines)
        {
            RequestedDeliveryDate.Plannable(line.RequestedDate, today);
        }

        var country = to.Country.Trim().ToUpperInvariant();
        var skus = lines.Select(l => l.Sku).Distinct().ToList();
        var (warehouses, table) = await reference.GetAsync(db, ct);
        var transit = TransitTime.Fastest(table, country, to.PostalCode.Trim());
        var destination = country == "DE" ? GermanPostalCodes.Find(to.PostalCode) : null;
        // Stock and unpromised inbound goods in one round trip: a promise is on every cart and product page.
        var rows = await db.StockLevels.AsNoTracking().Where(s => skus.Contains(s.Sku) && s.OnHand > s.Reserved)
            .Select(s => new { s.Sku, s.WarehouseCode, Quantity = s.OnHand - s.Reserved, ArrivesOn = (DateOnly?)null, ReceiptId = (Guid?)null })
            .Concat(db.ExpectedReceipts.AsNoTracking()
                .Where(r => skus.Contains(r.Sku) && (r.Status == ReceiptStatus.Open || r.Status == ReceiptStatus.PartiallyReceived) && r.Quantity - r.Received > r.Promised)
                .Select(r => new { r.Sku, r.WarehouseCode, Quantity = r.Quantity - r.Received - r.Promised, ArrivesOn = (DateOnly?)r.ExpectedOn, ReceiptId = (Guid?)r.Id }))
            .ToListAsync(ct);
        var supply = rows.GroupBy(l => l.Sku).ToDictionary(g => g.Key, g => g.Select(l => new SupplyLot(l.WarehouseCode, l.Quantity, l.ArrivesOn, l.ReceiptId)).ToList());

        var promises = new List<LinePromise>(lines.Count);
        foreach (var line in lines)
        {
            var lots = supply.GetValueOrDefault(line.Sku) ?? [];
            var promise = DeliveryPromising.Promise(new PromiseInput(line.Sku, line.Quantity, line.RequestedDate, lots, transit, FallbackLeadDays, destination), warehouses, now);
            promises.Add(promise);

            // A second line of the same product must not be promised what the first one took.
            supply[line.Sku] = Consume(lots, promise.Complete.Parts);
        }

        return promises;
    }

    private static List<SupplyLot> Consume(List<SupplyLot> lots, IReadOnlyList<DeliveryPart> parts) =>
        lots.Select(lot => lot with
        {
            Quantity = lot.Quantity - parts.Where(p => p.WarehouseCode == lot.WarehouseCode && p.ReceiptId == lot.ReceiptId).Sum(p => p.Quantity),
        }).Where(lot => lot.Quantity > 0).ToList();
}
