using Bogus;
using Uhrwerk.Server.Modules.Accounts;
using Uhrwerk.Server.Modules.Catalog.Domain;
using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Server.Modules.Catalog.DemoData;

/// <summary>About 200 industrial parts with datasheets and company prices; the same on every start (fixed seed).</summary>
internal sealed class CatalogDemoData(UhrwerkDbContext db, IAccounts accounts, TimeProvider clock) : IDemoData
{
    private sealed record Family(string Prefix, string De, string En, string Unit, int[] Packs, decimal MinPrice, decimal MaxPrice, string[] Sizes, string StandardDe, string StandardEn);

    private static readonly Family[] Families =
    [
        new("SHS", "Sechskantschraube", "Hex bolt", "Stk", [50, 100, 200], 0.08m, 0.90m, ["M6x20", "M6x30", "M8x25", "M8x40", "M10x40", "M10x60", "M12x50", "M12x80", "M16x60", "M16x100"], "DIN 933, Stahl 8.8 verzinkt", "DIN 933, steel 8.8 zinc-plated"),
        new("MUT", "Sechskantmutter", "Hex nut", "Stk", [100, 500], 0.03m, 0.40m, ["M6", "M8", "M10", "M12", "M16", "M20"], "DIN 934, Stahl 8 verzinkt", "DIN 934, steel 8 zinc-plated"),
        new("RKL", "Rillenkugellager", "Deep groove ball bearing", "Stk", [1, 10], 2.50m, 48.00m, ["6000-2RS", "6201-2RS", "6202-2RS", "6204-2RS", "6205-2Z", "6206-2Z", "6305-2RS", "6308-2Z"], "beidseitig abgedichtet", "sealed on both sides"),
        new("ORG", "O-Ring NBR 70", "O-ring NBR 70", "Stk", [10, 50, 100], 0.05m, 1.20m, ["10x2", "20x2.5", "25x3", "40x3", "50x4", "80x5"], "Shore A 70, -30 bis +100 °C", "Shore A 70, -30 to +100 °C"),
        new("WDR", "Wellendichtring", "Radial shaft seal", "Stk", [1, 10], 1.10m, 14.00m, ["20x35x7", "25x40x7", "30x47x7", "35x52x8", "40x62x8", "50x72x8"], "DIN 3760 Form A, NBR", "DIN 3760 type A, NBR"),
        new("DSM", "Drehstrommotor IE3", "Three-phase motor IE3", "Stk", [1], 180.00m, 2400.00m, ["0,75 kW 4-polig", "1,5 kW 4-polig", "2,2 kW 4-polig", "4 kW 4-polig", "7,5 kW 4-polig", "11 kW 4-polig"], "400 V, B3, IP55", "400 V, B3, IP55"),
        new("KAB", "Steuerleitung", "Control cable", "m", [50, 100], 0.60m, 6.50m, ["3G0,75", "4G1", "5G1,5", "7G1,5", "12G1", "18G1,5"], "PVC, ölbeständig", "PVC, oil-resistant"),
        new("ZRM", "Zahnriemen", "Timing belt", "Stk", [1], 6.00m, 85.00m, ["HTD 5M-450", "HTD 5M-600", "HTD 8M-800", "HTD 8M-1200", "T10-1010", "AT10-1250"], "Polyurethan mit Stahlzugträger", "polyurethane with steel cord"),
        new("PNZ", "Pneumatikzylinder", "Pneumatic cylinder", "Stk", [1], 45.00m, 420.00m, ["32x50", "32x100", "40x100", "50x160", "63x200", "80x250"], "ISO 15552, doppeltwirkend", "ISO 15552, double-acting"),
        new("SCH", "Schlauchschelle", "Hose clamp", "Stk", [10, 50], 0.25m, 2.80m, ["8-12", "12-22", "16-27", "20-32", "25-40", "32-50"], "W4, Edelstahl", "W4, stainless steel"),
    ];

    public int Order => 20;

    public async Task SeedAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var faker = new Faker { Random = new Randomizer(4711) };
        var products = new List<Product>();
        var variant = 0;
        while (products.Count < 200)
        {
            foreach (var family in Families)
            {
                var size = family.Sizes[variant % family.Sizes.Length];
                var series = variant / family.Sizes.Length;
                if (products.Count >= 200)
                {
                    break;
                }

                var sku = Sku.Create($"{family.Prefix}-{size.Replace(',', '.').Replace(' ', '-')}-{series + 1:D2}");
                var texts = new ProductTexts($"{family.De} {size}", $"{family.En} {size}",
                    $"{family.StandardDe}. Serie {series + 1}.", $"{family.StandardEn}. Series {series + 1}.");
                var price = decimal.Round(faker.Random.Decimal(family.MinPrice, family.MaxPrice), 2);
                var product = Product.Create(sku, texts, family.Unit, faker.PickRandom(family.Packs), price, now);
                if (faker.Random.Int(0, 24) == 0)
                {
                    product.Deactivate();
                }

                products.Add(product);
                db.Products.Add(product);
                db.Datasheets.Add(product.AttachDatasheet($"{product.Sku}-datenblatt.pdf", "application/pdf",
                    MinimalPdf.With($"Datenblatt {product.Sku}", product.NameDe, product.DescriptionDe, $"Verpackungseinheit: {product.PackSize} {product.Unit}"), now));
            }

            variant++;
        }

        foreach (var companyId in await accounts.CompanyIdsAsync(ct))
        {
            foreach (var product in faker.PickRandom(products, 40))
            {
                var discount = faker.Random.Decimal(0.05m, 0.15m);
                db.CustomerPrices.Add(CustomerPrice.Agree(companyId, product.Id, decimal.Round(product.ListPrice * (1 - discount), 2), now));
            }
        }

        await db.SaveChangesAsync(ct);
    }
}
