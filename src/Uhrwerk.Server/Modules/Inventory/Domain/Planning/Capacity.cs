namespace Uhrwerk.Server.Modules.Inventory.Domain.Planning;

// Capacity and space per unit share one unit of space, e.g. pallet places.
public sealed record WarehouseCapacity(string WarehouseCode, decimal Capacity);

// Utilisation is in percent of the capacity, rounded to one decimal.
public sealed record CapacityUse(
    string WarehouseCode, decimal Capacity, decimal UsedNow, decimal UsedWithInbound, decimal UtilisationNow, decimal UtilisationWithInbound, bool Overfilled);

public static class CapacityPlanning
{
    public static IReadOnlyList<CapacityUse> Utilisation(
        IEnumerable<WarehouseCapacity> warehouses, IEnumerable<StockPosition> positions, IReadOnlyDictionary<string, decimal> spacePerUnitBySku)
    {
        var stockByWarehouse = positions.ToLookup(p => p.WarehouseCode);
        return warehouses
            .OrderBy(w => w.WarehouseCode, StringComparer.Ordinal)
            .Select(w =>
            {
                if (w.Capacity <= 0)
                {
                    throw new ArgumentException($"Warehouse {w.WarehouseCode} needs a positive capacity to measure its utilisation, not {w.Capacity}.", nameof(warehouses));
                }

                var stock = stockByWarehouse[w.WarehouseCode].ToList();
                var usedNow = stock.Sum(p => p.OnHand * spacePerUnitBySku.GetValueOrDefault(p.Sku));
                var usedWithInbound = usedNow + stock.Sum(p => p.InboundOpen * spacePerUnitBySku.GetValueOrDefault(p.Sku));
                return new CapacityUse(
                    w.WarehouseCode, w.Capacity, usedNow, usedWithInbound,
                    Percent(usedNow, w.Capacity), Percent(usedWithInbound, w.Capacity), usedWithInbound > w.Capacity);
            })
            .ToList();
    }

    private static decimal Percent(decimal used, decimal capacity) => Math.Round(used * 100 / capacity, 1, MidpointRounding.AwayFromZero);
}
