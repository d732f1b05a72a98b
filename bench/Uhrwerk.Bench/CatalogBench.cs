using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using Uhrwerk.Server.Modules.Catalog.Domain;

namespace Uhrwerk.Bench;

/// <summary>
/// The catalog search over 100,000 products: seeded through binary COPY with German and English
/// names of the kind an industrial supplier sells (the search text folded by the domain's own
/// <see cref="ProductSearch"/>, as the server would have stored it), then searched by wrk with SKU
/// prefixes, German and English words, an umlaut and common words that hit thousands of products.
/// </summary>
internal static partial class AllBench
{
    public const int CatalogProducts = 100_000;

    private sealed record Family(string De, string En, string Unit, string[] Sizes);

    private sealed record Material(string Code, string De, string En);

    private static readonly Family[] Families =
    [
        new("Sechskantschraube", "Hex bolt", "Stk", ["M5x16", "M6x20", "M6x30", "M8x25", "M8x40", "M10x40", "M10x60", "M12x50", "M12x80", "M16x60"]),
        new("Zylinderschraube mit Innensechskant", "Socket head cap screw", "Stk", ["M3x10", "M4x12", "M5x20", "M6x25", "M8x30", "M10x50", "M12x60"]),
        new("Senkschraube", "Countersunk screw", "Stk", ["M3x8", "M4x10", "M5x16", "M6x20", "M8x25"]),
        new("Sechskantmutter", "Hex nut", "Stk", ["M4", "M5", "M6", "M8", "M10", "M12", "M16", "M20"]),
        new("Sicherungsmutter", "Lock nut", "Stk", ["M5", "M6", "M8", "M10", "M12"]),
        new("Unterlegscheibe", "Flat washer", "Stk", ["4,3", "5,3", "6,4", "8,4", "10,5", "13"]),
        new("Gewindestange", "Threaded rod", "Stk", ["M6x1000", "M8x1000", "M10x1000", "M12x1000"]),
        new("Rillenkugellager", "Deep groove ball bearing", "Stk", ["6000-2RS", "6201-2RS", "6202-2RS", "6204-2RS", "6205-2Z", "6206-2Z", "6305-2RS"]),
        new("Kegelrollenlager", "Tapered roller bearing", "Stk", ["30204", "30205", "30206", "32008", "32210"]),
        new("O-Ring", "O-ring", "Stk", ["10x2", "20x2,5", "25x3", "40x3", "50x4", "80x5"]),
        new("Wellendichtring", "Radial shaft seal", "Stk", ["20x35x7", "25x40x7", "30x47x7", "35x52x8", "40x62x8"]),
        new("Drehstrommotor IE3", "Three-phase motor IE3", "Stk", ["0,75 kW", "1,5 kW", "2,2 kW", "4 kW", "7,5 kW"]),
        new("Steuerleitung", "Control cable", "m", ["3G0,75", "4G1", "5G1,5", "7G1,5", "12G1"]),
        new("Zahnriemen", "Timing belt", "Stk", ["HTD 5M-450", "HTD 8M-800", "T10-1010", "AT10-1250"]),
        new("Keilriemen", "V-belt", "Stk", ["SPZ 1000", "SPA 1250", "SPB 1600", "XPZ 900"]),
        new("Pneumatikzylinder doppeltwirkend", "Double-acting pneumatic cylinder", "Stk", ["32x50", "40x100", "50x160", "63x200"]),
        new("Magnetventil", "Solenoid valve", "Stk", ["G1/8", "G1/4", "G3/8", "G1/2"]),
        new("Kugelhahn", "Ball valve", "Stk", ["DN10", "DN15", "DN20", "DN25", "DN32"]),
        new("Schlauchschelle", "Hose clamp", "Stk", ["8-12", "12-22", "16-27", "20-32", "32-50"]),
        new("Hydraulikschlauch", "Hydraulic hose", "m", ["DN6", "DN8", "DN10", "DN12"]),
        new("Spiralbohrer HSS", "HSS twist drill", "Stk", ["3,0", "4,2", "5,0", "6,8", "8,5", "10,2"]),
        new("Maschinengewindebohrer", "Machine tap", "Stk", ["M4", "M5", "M6", "M8", "M10"]),
        new("Schutzhandschuh", "Protective glove", "Paar", ["Größe 7", "Größe 8", "Größe 9", "Größe 10", "Größe 11"]),
        new("Näherungsschalter induktiv", "Inductive proximity switch", "Stk", ["M8", "M12", "M18", "M30"]),
        new("Drucksensor", "Pressure sensor", "Stk", ["0-10 bar", "0-16 bar", "0-25 bar", "0-100 bar"]),
        new("Schaltschranklüfter", "Enclosure fan", "Stk", ["80 mm", "120 mm", "150 mm", "200 mm"]),
        new("Kabelbinder", "Cable tie", "Stk", ["2,5x100", "3,6x200", "4,8x300", "7,6x450"]),
        new("Kühlschmierstoff", "Cutting fluid", "Kan", ["5 l", "10 l", "20 l"]),
    ];

    private static readonly Material[] Materials =
    [
        new("VZ", "Stahl verzinkt", "zinc-plated steel"), new("A2", "Edelstahl A2", "stainless steel A2"), new("A4", "Edelstahl A4", "stainless steel A4"),
        new("MS", "Messing", "brass"), new("SW", "Stahl brüniert", "black oxide steel"), new("PA", "Polyamid", "polyamide"),
    ];

    private static readonly string[] Makers = ["Köhler", "Brandt", "Schäfer", "Vogel", "Krämer", "Hartmann", "Lorenz", "Weißmann", "Bauer", "Jäger", "Seidel", "Roth"];

    /// <summary>What the wrk script searches, in turn: SKU prefixes, German and English words, an umlaut, and words that hit thousands.</summary>
    private static readonly string[] SearchTerms = ["1004", "1702-", "Schraube", "Mutter", "Größe", "bearing", "hose clamp", "stainless steel A4", "Kühlschmierstoff", "Köhler"];

    /// <summary>Seeds the products once (a second run finds them), then lets the planner see them.</summary>
    private static async Task SeedCatalogAsync(string postgres)
    {
        await using var data = NpgsqlDataSource.Create(postgres);
        await using (var existing = data.CreateCommand("SELECT count(*) FROM catalog_products WHERE \"Sku\" ~ '^[0-9]{4}-[0-9]{6}-'"))
        {
            if ((long)(await existing.ExecuteScalarAsync())! >= CatalogProducts)
            {
                return;
            }
        }

        await using var connection = await data.OpenConnectionAsync();
        var now = DateTimeOffset.UtcNow;
        await using (var copy = await connection.BeginBinaryImportAsync("""
            COPY catalog_products ("Id", "Sku", "NameDe", "NameEn", "DescriptionDe", "DescriptionEn", "Unit", "PackSize", "ListPrice", "IsActive", "SearchText") FROM STDIN (FORMAT BINARY)
            """))
        {
            var random = new Random(4711);
            for (var i = 0; i < CatalogProducts; i++)
            {
                var familyIndex = i % Families.Length;
                var family = Families[familyIndex];
                var sizeIndex = i / Families.Length % family.Sizes.Length;
                var size = family.Sizes[sizeIndex];
                var material = Materials[i / (Families.Length * 7) % Materials.Length];
                var maker = Makers[i / (Families.Length * 7 * Materials.Length) % Makers.Length];
                // Article numbers of family, size and a running number, unlike the demo catalogue's letter SKUs, which the order benchmark picks by searching "SHS".
                var sku = Sku.Create($"{10 + familyIndex:D2}{sizeIndex:D2}-{i:D6}-{material.Code}").Value;
                var nameDe = $"{family.De} {size} {material.De}, {maker}";
                var nameEn = $"{family.En} {size} {material.En}, {maker}";
                await copy.StartRowAsync();
                await copy.WriteAsync(Guid.CreateVersion7(now.AddTicks(i)), NpgsqlDbType.Uuid);
                await copy.WriteAsync(sku, NpgsqlDbType.Varchar);
                await copy.WriteAsync(nameDe, NpgsqlDbType.Varchar);
                await copy.WriteAsync(nameEn, NpgsqlDbType.Varchar);
                await copy.WriteAsync($"{family.De} aus {material.De}, Hersteller {maker}.", NpgsqlDbType.Varchar);
                await copy.WriteAsync($"{family.En} made of {material.En}, manufacturer {maker}.", NpgsqlDbType.Varchar);
                await copy.WriteAsync(family.Unit, NpgsqlDbType.Varchar);
                await copy.WriteAsync(new[] { 1, 10, 50, 100 }[random.Next(4)], NpgsqlDbType.Integer);
                await copy.WriteAsync(decimal.Round((decimal)(0.05 + random.NextDouble() * 250), 2), NpgsqlDbType.Numeric);
                await copy.WriteAsync(random.Next(40) != 0, NpgsqlDbType.Boolean);
                await copy.WriteAsync(ProductSearch.TextOf(sku, nameDe, nameEn), NpgsqlDbType.Text);
            }

            await copy.CompleteAsync();
        }

        await using var analyze = new NpgsqlCommand("ANALYZE catalog_products", connection);
        await analyze.ExecuteNonQueryAsync();
    }

    /// <summary>wrk on the search with the demo buyer's token, the terms in turn; the row compares it with <c>/health/live</c>.</summary>
    private static async Task<Row> CatalogSearchAsync(string postgres, string wrk, string url, int clients, int seconds, string scripts, Dictionary<string, string> environment, double live)
    {
        await SeedCatalogAsync(postgres);
        environment["UHRWERK_TERMS"] = string.Join(',', SearchTerms.Select(Uri.EscapeDataString));
        var script = Path.Combine(scripts, "search.lua");
        await WrkAsync(wrk, url, clients, 3, script, environment);
        var search = await WrkAsync(wrk, url, clients, seconds, script, environment);
        Console.WriteLine(Invariant($"GET /api/v1/catalog/products?search= over {CatalogProducts:N0} products, wrk: {search.PerSecond:F0}/s, p99 {search.P99:F2} ms, {search.Failures} failed"));
        return new Row(Invariant($"catalog search, {CatalogProducts:N0} products, wrk"), Invariant($"{search.PerSecond:F0}/s"), Ms(search.P99), Ratio(search.PerSecond, live) + " of live",
            ">= 0.1 x live, p99 < 30 ms", search.PerSecond >= 0.1 * live && search.P99 < 30 && search.Failures == 0);
    }
}
