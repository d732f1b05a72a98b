using Bogus;
using Uhrwerk.Server.Modules.Catalog;
using Uhrwerk.Server.Modules.Inventory.Domain;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Localization;

namespace Uhrwerk.Server.Modules.Inventory.DemoData;

/// <summary>
/// Three warehouses (Dortmund, Garching near Munich, Leipzig) with transit times, stock built from
/// receipts and last year's picks, inbound goods, reorder points and product space. The bolt
/// SHS-M6X20-01 has 40 pieces in Garching and 500 coming in eight days, so a larger order shows
/// a partial and a complete delivery plan.
/// </summary>
internal sealed class InventoryDemoData(UhrwerkDbContext db, ICatalog catalog, TimeProvider clock) : IDemoData
{
    public const string ShowcaseSku = "SHS-M6X20-01";

    public int Order => 40;

    public async Task SeedAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(BerlinTime.ToLocal(now).DateTime);
        var faker = new Faker { Random = new Randomizer(815) };
        Warehouse[] warehouses =
        [
            Warehouse.Open("DTM", "Lager Dortmund", "Logistikpark 4", "44147", "Dortmund", GermanState.NW, "Europe/Berlin", new TimeOnly(15, 0), 1, 4000m),
            Warehouse.Open("MUC", "Lager Garching", "Industriestraße 9", "85748", "Garching bei München", GermanState.BY, "Europe/Berlin", new TimeOnly(14, 0), 1, 2500m),
            Warehouse.Open("LEJ", "Lager Leipzig", "Am Güterbahnhof 2", "04109", "Leipzig", GermanState.SN, "Europe/Berlin", new TimeOnly(16, 0), 2, 1500m),
        ];
        warehouses[2].CloseOn(Enumerable.Range(0, 8).Select(d => new DateOnly(today.Year, 12, 24).AddDays(d)));
        db.Warehouses.AddRange(warehouses);
        foreach (var (code, near) in new[] { ("DTM", "345"), ("MUC", "789"), ("LEJ", "019") })
        {
            db.TransitTimes.Add(TransitTime.Of("DHL Freight", code, "DE", "", 2));
            db.TransitTimes.Add(TransitTime.Of("DB Schenker", code, "DE", "", 3));
            db.TransitTimes.AddRange(near.Select(zone => TransitTime.Of("DHL Freight", code, "DE", zone.ToString(), 1)));
            db.TransitTimes.Add(TransitTime.Of("DB Schenker", code, "AT", "", code == "MUC" ? 2 : 4));
            db.TransitTimes.Add(TransitTime.Of("DB Schenker", code, "CH", "", code == "MUC" ? 3 : 4));
        }

        foreach (var sku in await catalog.ActiveSkusAsync(500, ct))
        {
            db.ProductSpaces.Add(ProductSpace.Of(sku, sku.StartsWith("DSM", StringComparison.Ordinal) ? 0.5m : sku.StartsWith("PNZ", StringComparison.Ordinal) ? 0.05m : 0.002m));
            foreach (var warehouse in warehouses)
            {
                if (sku == ShowcaseSku)
                {
                    if (warehouse.Code == "MUC")
                    {
                        Book([StockMovement.Record(MovementKind.Receipt, sku, warehouse.Code, 40, null, "Anfangsbestand", "Demo", now.AddDays(-30))]);
                        db.ExpectedReceipts.Add(ExpectedReceipt.Expect(ReceiptKind.Purchase, "BE-2026-0815", null, warehouse.Code, sku, 500, today.AddDays(8), now));
                    }

                    continue;
                }

                if (faker.Random.Int(0, 3) == 0)
                {
                    continue;
                }

                var received = faker.Random.Int(20, 400);
                var picked = faker.Random.Int(1, received - 5);
                var lastYearsPeak = new DateTimeOffset(today.Year - 1, 12, faker.Random.Int(1, 20), 10, 0, 0, TimeSpan.Zero);
                Book([
                    StockMovement.Record(MovementKind.Receipt, sku, warehouse.Code, received, null, "Anfangsbestand", "Demo", now.AddDays(-400)),
                    StockMovement.Record(MovementKind.Pick, sku, warehouse.Code, -picked, null, "Vorjahr", "Demo", lastYearsPeak),
                ]);

                if (faker.Random.Int(0, 4) == 0)
                {
                    db.ReorderPoints.Add(ReorderPoint.For(sku, warehouse.Code).Set(200, 600, 50, 10));
                }

                if (faker.Random.Int(0, 9) == 0)
                {
                    db.ExpectedReceipts.Add(ExpectedReceipt.Expect(ReceiptKind.Purchase, $"BE-2026-{faker.Random.Int(1000, 9999)}", null, warehouse.Code, sku, faker.Random.Int(50, 300), today.AddDays(faker.Random.Int(3, 30)), now));
                }
            }
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>Stock only ever comes from movements, so the demo books them and the level they add up to.</summary>
    private void Book(IReadOnlyList<StockMovement> movements)
    {
        db.StockMovements.AddRange(movements);
        db.StockLevels.Add(StockLevel.Of(movements));
    }
}
