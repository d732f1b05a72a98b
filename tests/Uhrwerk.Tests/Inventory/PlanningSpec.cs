using Uhrwerk.Server.Modules.Inventory.Domain.Planning;

namespace Uhrwerk.Tests.Inventory;

/// <summary>Replenishment, overstock, capacity and peak planning on one small fixed stock picture.</summary>
public sealed class PlanningSpec
{
    private const string Bolt = "BOLT-M8";
    private const string Nut = "NUT-M8";
    private const string Washer = "WASHER-M8";
    private const string Hamburg = "HAM";
    private const string Munich = "MUC";
    private const string Vienna = "VIE";

    private static readonly DateOnly Today = new(2025, 3, 3);

    // Projected: bolts 350 in Hamburg and 100 in Munich, nuts 100 and 30, washers 1100 in Hamburg; Vienna holds nothing.
    private static readonly StockPosition[] Positions =
    [
        new(Bolt, Hamburg, OnHand: 400, Reserved: 50, InboundOpen: 0, InboundPromised: 0, Backordered: 0),
        new(Bolt, Munich, OnHand: 60, Reserved: 10, InboundOpen: 100, InboundPromised: 20, Backordered: 30),
        new(Nut, Hamburg, OnHand: 120, Reserved: 20, InboundOpen: 0, InboundPromised: 0, Backordered: 0),
        new(Nut, Munich, OnHand: 30, Reserved: 0, InboundOpen: 0, InboundPromised: 0, Backordered: 0),
        new(Washer, Hamburg, OnHand: 900, Reserved: 0, InboundOpen: 200, InboundPromised: 0, Backordered: 0),
    ];

    private static IReadOnlyDictionary<(string Sku, string Warehouse), StockPosition> ByKey(params StockPosition[] positions) =>
        positions.ToDictionary(p => (p.Sku, p.WarehouseCode));

    [Fact]
    public void Projected_stock_below_the_minimum_suggests_filling_up_to_the_maximum_in_whole_multiples()
    {
        var rule = ReorderRule.Create(Bolt, Munich, min: 150, max: 480, multiple: 50, leadTimeDays: 10);

        var suggestions = Replenishment.Suggest([rule], ByKey(Positions), Today);

        Assert.Equal([new ReplenishmentSuggestion(Bolt, Munich, Projected: 100, Min: 150, Max: 480, Quantity: 400, ArriveBy: new DateOnly(2025, 3, 13))], suggestions);
    }

    [Fact]
    public void Projected_stock_at_or_above_the_minimum_suggests_nothing()
    {
        var atMinimum = ReorderRule.Create(Nut, Hamburg, min: 100, max: 300, multiple: 1, leadTimeDays: 2);
        var aboveMinimum = ReorderRule.Create(Bolt, Hamburg, min: 200, max: 600, multiple: 100, leadTimeDays: 2);

        Assert.Empty(Replenishment.Suggest([atMinimum, aboveMinimum], ByKey(Positions), Today));
    }

    [Fact]
    public void Open_inbound_counts_towards_the_stock_and_backorders_count_against_it()
    {
        var rule = ReorderRule.Create(Nut, Munich, min: 100, max: 200, multiple: 10, leadTimeDays: 5);
        var withInbound = Positions.Single(p => p.Sku == Nut && p.WarehouseCode == Munich) with { InboundOpen = 80 };
        var withBackorders = withInbound with { Backordered = 25 };

        Assert.Empty(Replenishment.Suggest([rule], ByKey(withInbound), Today));
        Assert.Equal([new ReplenishmentSuggestion(Nut, Munich, Projected: 85, Min: 100, Max: 200, Quantity: 120, ArriveBy: new DateOnly(2025, 3, 8))],
            Replenishment.Suggest([rule], ByKey(withBackorders), Today));
    }

    [Fact]
    public void A_warehouse_without_a_stock_position_counts_as_empty()
    {
        var rule = ReorderRule.Create(Washer, Vienna, min: 10, max: 150, multiple: 100, leadTimeDays: 0);

        var suggestion = Assert.Single(Replenishment.Suggest([rule], ByKey(Positions), Today));

        Assert.Equal(new ReplenishmentSuggestion(Washer, Vienna, Projected: 0, Min: 10, Max: 150, Quantity: 200, ArriveBy: Today), suggestion);
    }

    [Fact]
    public void Suggestions_come_most_urgent_first_then_by_sku()
    {
        var rules = new[]
        {
            ReorderRule.Create(Washer, Vienna, min: 10, max: 100, multiple: 1, leadTimeDays: 3),
            ReorderRule.Create(Nut, Munich, min: 40, max: 200, multiple: 25, leadTimeDays: 5),
            ReorderRule.Create(Bolt, Munich, min: 150, max: 480, multiple: 50, leadTimeDays: 10),
        };

        var suggestions = Replenishment.Suggest(rules, ByKey(Positions), Today);

        Assert.Equal([(Bolt, Munich, 400), (Nut, Munich, 175), (Washer, Vienna, 100)], suggestions.Select(s => (s.Sku, s.WarehouseCode, s.Quantity)));
    }

    [Theory]
    [InlineData(-1, 10, 1, 0, "min", "a minimum of 0 or more, not -1.")]
    [InlineData(20, 10, 1, 0, "max", "a maximum (10) of at least its minimum (20).")]
    [InlineData(0, 10, 0, 0, "multiple", "an order multiple of 1 or more, not 0.")]
    [InlineData(0, 10, 1, -2, "leadTimeDays", "a lead time of 0 days or more, not -2.")]
    public void A_reorder_rule_that_cannot_work_is_refused_with_the_reason(int min, int max, int multiple, int leadTimeDays, string parameter, string reason)
    {
        var refused = Assert.Throws<ArgumentException>(() => ReorderRule.Create(Bolt, Hamburg, min, max, multiple, leadTimeDays));

        Assert.Equal(parameter, refused.ParamName);
        Assert.Contains($"The reorder rule for {Bolt} in {Hamburg} needs {reason}", refused.Message, StringComparison.Ordinal);
    }

    // Shipped in the last 90 days; washers in Vienna and nuts in Hamburg have no demand at all.
    private static readonly DemandHistory[] Demand =
    [
        new(Bolt, Hamburg, ShippedLast90Days: 270),
        new(Bolt, Munich, ShippedLast90Days: 540),
        new(Nut, Munich, ShippedLast90Days: 40),
        new(Washer, Hamburg, ShippedLast90Days: 1400),
    ];

    [Fact]
    public void Stock_lasting_longer_than_the_limit_is_overstock_with_its_days_of_cover()
    {
        var overstock = Overstock.Find(Positions, Demand, maxDaysOfCover: 60);

        Assert.Contains(new OverstockItem(Bolt, Hamburg, OnHand: 400, ShippedLast90Days: 270, DaysOfCover: 133.3m), overstock);
        Assert.Contains(new OverstockItem(Nut, Munich, OnHand: 30, ShippedLast90Days: 40, DaysOfCover: 67.5m), overstock);
    }

    [Fact]
    public void Stock_without_any_demand_is_overstock_and_listed_first()
    {
        var overstock = Overstock.Find(Positions, Demand, maxDaysOfCover: 60);

        Assert.Equal(new OverstockItem(Nut, Hamburg, OnHand: 120, ShippedLast90Days: 0, DaysOfCover: null), overstock[0]);
        Assert.Equal([null, 133.3m, 67.5m], overstock.Select(i => i.DaysOfCover));
    }

    [Fact]
    public void Fast_movers_and_stock_just_within_the_limit_are_not_overstock()
    {
        var overstock = Overstock.Find(Positions, Demand, maxDaysOfCover: 60);

        // Bolts in Munich last 10 days, washers in Hamburg 57.9 days.
        Assert.DoesNotContain(overstock, i => i.Sku == Bolt && i.WarehouseCode == Munich);
        Assert.DoesNotContain(overstock, i => i.Sku == Washer);
    }

    // Nuts live in bins and take no pallet places.
    private static readonly Dictionary<string, decimal> PalletPlacesPerUnit = new() { [Bolt] = 0.01m, [Washer] = 0.002m };

    private static readonly WarehouseCapacity[] Warehouses = [new(Hamburg, 8m), new(Munich, 1.5m), new(Vienna, 5m)];

    [Fact]
    public void Utilisation_counts_the_space_of_the_stock_now_and_with_the_open_inbound()
    {
        var use = CapacityPlanning.Utilisation(Warehouses, Positions, PalletPlacesPerUnit);

        Assert.Equal(
            [
                new CapacityUse(Hamburg, 8m, UsedNow: 5.8m, UsedWithInbound: 6.2m, UtilisationNow: 72.5m, UtilisationWithInbound: 77.5m, Overfilled: false),
                new CapacityUse(Munich, 1.5m, UsedNow: 0.6m, UsedWithInbound: 1.6m, UtilisationNow: 40.0m, UtilisationWithInbound: 106.7m, Overfilled: true),
                new CapacityUse(Vienna, 5m, UsedNow: 0m, UsedWithInbound: 0m, UtilisationNow: 0m, UtilisationWithInbound: 0m, Overfilled: false),
            ],
            use);
    }

    // Bolts: Hamburg has 150 more than it needs, Munich lacks 80, Vienna 40. Nuts fall short everywhere. Washers are only needed in Vienna.
    private static readonly RegionalDemand[] PeakDemand =
    [
        new(Bolt, Hamburg, 200),
        new(Bolt, Munich, 180),
        new(Bolt, Vienna, 40),
        new(Nut, Hamburg, 150),
        new(Nut, Munich, 60),
        new(Washer, Vienna, 300),
    ];

    [Fact]
    public void A_deficit_is_covered_from_the_surplus_of_another_warehouse()
    {
        var report = PeakPlanning.Plan(PeakDemand, Positions);

        Assert.Equal(
            [new TransferSuggestion(Bolt, Hamburg, Munich, 80), new TransferSuggestion(Bolt, Hamburg, Vienna, 40), new TransferSuggestion(Washer, Hamburg, Vienna, 300)],
            report.Transfers);
        Assert.Equal(
            [
                new PeakCoverage(Bolt, Hamburg, Expected: 200, Projected: 350, AfterTransfers: 230),
                new PeakCoverage(Bolt, Munich, Expected: 180, Projected: 100, AfterTransfers: 180),
                new PeakCoverage(Bolt, Vienna, Expected: 40, Projected: 0, AfterTransfers: 40),
            ],
            report.Coverage.Where(c => c.Sku == Bolt));
    }

    [Fact]
    public void A_warehouse_without_regional_demand_gives_all_its_projected_stock()
    {
        var report = PeakPlanning.Plan([new RegionalDemand(Washer, Vienna, 1500)], Positions);

        Assert.Equal([new TransferSuggestion(Washer, Hamburg, Vienna, 1100)], report.Transfers);
        Assert.Equal([new PeakCoverage(Washer, Hamburg, 0, 1100, 0), new PeakCoverage(Washer, Vienna, 1500, 0, 1100)], report.Coverage);
    }

    [Fact]
    public void Without_a_surplus_anywhere_nothing_is_transferred()
    {
        var report = PeakPlanning.Plan(PeakDemand.Where(d => d.Sku == Nut), Positions);

        Assert.Empty(report.Transfers);
        Assert.Equal([new PeakCoverage(Nut, Hamburg, 150, 100, 100), new PeakCoverage(Nut, Munich, 60, 30, 30)], report.Coverage);
    }

    [Fact]
    public void The_forecast_takes_only_last_years_shipments_of_the_same_period_grown_and_rounded_up()
    {
        (string, string, DateOnly, int)[] shipments =
        [
            (Bolt, Hamburg, new DateOnly(2024, 11, 17), 100),
            (Bolt, Hamburg, new DateOnly(2024, 12, 21), 50),
            (Bolt, Hamburg, new DateOnly(2024, 11, 16), 999),
            (Bolt, Hamburg, new DateOnly(2024, 12, 22), 999),
            (Bolt, Hamburg, new DateOnly(2025, 12, 1), 999),
            (Bolt, Hamburg, new DateOnly(2023, 12, 1), 999),
            (Bolt, Munich, new DateOnly(2024, 12, 1), 33),
        ];

        var forecast = PeakPlanning.ForecastFromHistory(shipments, from: new DateOnly(2025, 11, 17), to: new DateOnly(2025, 12, 21), growthFactor: 1.1m);

        Assert.Equal([new RegionalDemand(Bolt, Hamburg, 165), new RegionalDemand(Bolt, Munich, 37)], forecast);
    }
}
