namespace Uhrwerk.Server.Modules.Inventory.Domain.Planning;

public sealed record DemandHistory(string Sku, string WarehouseCode, int ShippedLast90Days);

// DaysOfCover is null when nothing was shipped at all: the stock would never run out.
public sealed record OverstockItem(string Sku, string WarehouseCode, int OnHand, int ShippedLast90Days, decimal? DaysOfCover);

public static class Overstock
{
    public static IReadOnlyList<OverstockItem> Find(IEnumerable<StockPosition> positions, IEnumerable<DemandHistory> demand, int maxDaysOfCover)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxDaysOfCover);
        var shipped = demand.GroupBy(d => (d.Sku, d.WarehouseCode)).ToDictionary(g => g.Key, g => g.Sum(d => d.ShippedLast90Days));
        return positions
            .Where(p => p.OnHand > 0)
            .Select(p => Item(p, shipped.GetValueOrDefault((p.Sku, p.WarehouseCode))))
            // Compared as shown, so a listed item never displays a cover at or below the limit.
            .Where(i => i.DaysOfCover is null || i.DaysOfCover > maxDaysOfCover)
            .OrderBy(i => i.DaysOfCover is not null)
            .ThenByDescending(i => i.DaysOfCover)
            .ThenBy(i => i.Sku, StringComparer.Ordinal)
            .ThenBy(i => i.WarehouseCode, StringComparer.Ordinal)
            .ToList();
    }

    private static OverstockItem Item(StockPosition position, int shippedLast90Days) =>
        new(position.Sku, position.WarehouseCode, position.OnHand, shippedLast90Days,
            shippedLast90Days > 0 ? Math.Round(position.OnHand * 90m / shippedLast90Days, 1, MidpointRounding.AwayFromZero) : null);
}
