namespace Uhrwerk.Server.Modules.Inventory.Domain.Planning;

public sealed record ReorderRule
{
    private ReorderRule(string sku, string warehouseCode, int min, int max, int multiple, int leadTimeDays)
    {
        Sku = sku;
        WarehouseCode = warehouseCode;
        Min = min;
        Max = max;
        Multiple = multiple;
        LeadTimeDays = leadTimeDays;
    }

    public string Sku { get; }
    public string WarehouseCode { get; }
    public int Min { get; }
    public int Max { get; }
    public int Multiple { get; }
    public int LeadTimeDays { get; }

    public static ReorderRule Create(string sku, string warehouseCode, int min, int max, int multiple, int leadTimeDays)
    {
        var rule = $"The reorder rule for {sku} in {warehouseCode}";
        if (min < 0)
        {
            throw new ArgumentException($"{rule} needs a minimum of 0 or more, not {min}.", nameof(min));
        }

        if (max < min)
        {
            throw new ArgumentException($"{rule} needs a maximum ({max}) of at least its minimum ({min}).", nameof(max));
        }

        if (multiple < 1)
        {
            throw new ArgumentException($"{rule} needs an order multiple of 1 or more, not {multiple}.", nameof(multiple));
        }

        if (leadTimeDays < 0)
        {
            throw new ArgumentException($"{rule} needs a lead time of 0 days or more, not {leadTimeDays}.", nameof(leadTimeDays));
        }

        return new ReorderRule(sku, warehouseCode, min, max, multiple, leadTimeDays);
    }
}

public sealed record ReplenishmentSuggestion(string Sku, string WarehouseCode, int Projected, int Min, int Max, int Quantity, DateOnly ArriveBy);

public static class Replenishment
{
    public static IReadOnlyList<ReplenishmentSuggestion> Suggest(
        IEnumerable<ReorderRule> rules, IReadOnlyDictionary<(string Sku, string Warehouse), StockPosition> positions, DateOnly today) =>
        rules
            .Select(rule => (Rule: rule, Projected: positions.TryGetValue((rule.Sku, rule.WarehouseCode), out var position) ? position.Projected : 0))
            .Where(r => r.Projected < r.Rule.Min)
            .OrderByDescending(r => r.Rule.Min - r.Projected)
            .ThenBy(r => r.Rule.Sku, StringComparer.Ordinal)
            .ThenBy(r => r.Rule.WarehouseCode, StringComparer.Ordinal)
            .Select(r => new ReplenishmentSuggestion(
                r.Rule.Sku, r.Rule.WarehouseCode, r.Projected, r.Rule.Min, r.Rule.Max,
                RoundUpToMultiple(r.Rule.Max - r.Projected, r.Rule.Multiple), today.AddDays(r.Rule.LeadTimeDays)))
            .ToList();

    private static int RoundUpToMultiple(int quantity, int multiple) => (quantity + multiple - 1) / multiple * multiple;
}
