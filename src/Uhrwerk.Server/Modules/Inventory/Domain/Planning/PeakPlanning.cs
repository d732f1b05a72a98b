namespace Uhrwerk.Server.Modules.Inventory.Domain.Planning;

// What the warehouse's region is expected to need in the forecast period.
public sealed record RegionalDemand(string Sku, string WarehouseCode, int Quantity);

public sealed record TransferSuggestion(string Sku, string FromWarehouse, string ToWarehouse, int Quantity);

public sealed record PeakCoverage(string Sku, string WarehouseCode, int Expected, int Projected, int AfterTransfers);

public sealed record PeakReport(IReadOnlyList<TransferSuggestion> Transfers, IReadOnlyList<PeakCoverage> Coverage);

public static class PeakPlanning
{
    public static PeakReport Plan(IEnumerable<RegionalDemand> demand, IEnumerable<StockPosition> positions)
    {
        var expected = demand.GroupBy(d => (d.Sku, d.WarehouseCode)).ToDictionary(g => g.Key, g => g.Sum(d => d.Quantity));
        var projected = positions.GroupBy(p => (p.Sku, p.WarehouseCode)).ToDictionary(g => g.Key, g => g.Sum(p => p.Projected));
        var transfers = new List<TransferSuggestion>();
        var coverage = new List<PeakCoverage>();
        foreach (var sku in expected.Keys.Select(k => k.Sku).Distinct().Order(StringComparer.Ordinal))
        {
            var warehouses = expected.Keys.Concat(projected.Keys)
                .Where(k => k.Sku == sku).Select(k => k.WarehouseCode).Distinct().Order(StringComparer.Ordinal).ToList();
            var after = warehouses.ToDictionary(w => w, w => projected.GetValueOrDefault((sku, w)));
            int Gap(string warehouse) => after[warehouse] - expected.GetValueOrDefault((sku, warehouse));

            // Each move empties a surplus or fills a deficit, so this ends after at most one move per warehouse.
            while (true)
            {
                var from = warehouses.MaxBy(Gap)!;
                var to = warehouses.MinBy(Gap)!;
                var quantity = Math.Min(Gap(from), -Gap(to));
                if (quantity <= 0)
                {
                    break;
                }

                after[from] -= quantity;
                after[to] += quantity;
                transfers.Add(new TransferSuggestion(sku, from, to, quantity));
            }

            coverage.AddRange(warehouses.Select(w =>
                new PeakCoverage(sku, w, expected.GetValueOrDefault((sku, w)), projected.GetValueOrDefault((sku, w)), after[w])));
        }

        return new PeakReport(transfers, coverage);
    }

    public static IReadOnlyList<RegionalDemand> ForecastFromHistory(
        IEnumerable<(string Sku, string WarehouseCode, DateOnly ShippedOn, int Quantity)> shipments, DateOnly from, DateOnly to, decimal growthFactor)
    {
        if (to < from)
        {
            throw new ArgumentException($"The forecast period ends ({to:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd}).", nameof(to));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(growthFactor);
        var (lastYearFrom, lastYearTo) = (from.AddYears(-1), to.AddYears(-1));
        return shipments
            .Where(s => s.ShippedOn >= lastYearFrom && s.ShippedOn <= lastYearTo)
            .GroupBy(s => (s.Sku, s.WarehouseCode))
            .OrderBy(g => g.Key.Sku, StringComparer.Ordinal)
            .ThenBy(g => g.Key.WarehouseCode, StringComparer.Ordinal)
            .Select(g => new RegionalDemand(g.Key.Sku, g.Key.WarehouseCode, (int)Math.Ceiling(g.Sum(s => s.Quantity) * growthFactor)))
            .ToList();
    }
}
