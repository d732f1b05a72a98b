using Uhrwerk.Server.Modules.Inventory;
using Uhrwerk.Server.Modules.Inventory.Domain;

namespace Uhrwerk.Tests.Inventory;

public sealed class DeliveryPromisingTests
{
    // Monday 9 March 2026, 10:00 in Germany (CET), before every cut-off.
    private static readonly DateTimeOffset MondayMorning = new(2026, 3, 9, 10, 0, 0, TimeSpan.FromHours(1));

    private static readonly Guid Receipt = Guid.Parse("6f1c2b0e-0000-4000-8000-000000000001");

    [Fact]
    public void An_order_before_the_cut_off_is_handled_the_same_day()
    {
        var promise = Promise(10, [Stock("A", 50)], [Warehouse("A")], Transits(("A", 1)), MondayMorning);

        var part = Assert.Single(promise.Complete.Parts);
        Assert.Equal(new DateOnly(2026, 3, 9), part.ShipDate);
        Assert.Equal(new DateOnly(2026, 3, 10), part.DeliveryDate);
        Assert.Null(promise.Partial);
    }

    [Fact]
    public void An_order_after_the_cut_off_is_handled_on_the_next_working_day()
    {
        var tuesdayAfternoon = new DateTimeOffset(2026, 3, 10, 15, 0, 0, TimeSpan.FromHours(1));

        var promise = Promise(10, [Stock("A", 50)], [Warehouse("A")], Transits(("A", 1)), tuesdayAfternoon);

        var part = Assert.Single(promise.Complete.Parts);
        Assert.Equal(new DateOnly(2026, 3, 11), part.ShipDate);
        Assert.Equal(new DateOnly(2026, 3, 12), part.DeliveryDate);
        Assert.Contains(promise.Reasons, r => r.Code == "AfterCutOff" && r.Values["cutOff"] == "14:00" && r.Values["warehouse"] == "A");
    }

    [Fact]
    public void The_cut_off_is_the_warehouses_local_time_whatever_offset_now_comes_in()
    {
        // 13:30 UTC is 14:30 in Berlin: past the cut-off although the UTC clock is not.
        var promise = Promise(10, [Stock("A", 50)], [Warehouse("A")], Transits(("A", 1)), new DateTimeOffset(2026, 3, 10, 13, 30, 0, TimeSpan.Zero));

        Assert.Equal(new DateOnly(2026, 3, 11), promise.Complete.Parts[0].ShipDate);
    }

    [Fact]
    public void An_order_on_Whitsun_Friday_after_the_cut_off_is_handled_on_Tuesday()
    {
        var fridayAfternoon = new DateTimeOffset(2026, 5, 22, 15, 0, 0, TimeSpan.FromHours(2));

        var promise = Promise(10, [Stock("A", 50)], [Warehouse("A")], Transits(("A", 1)), fridayAfternoon);

        var part = Assert.Single(promise.Complete.Parts);
        Assert.Equal(new DateOnly(2026, 5, 26), part.ShipDate);
        Assert.Equal(new DateOnly(2026, 5, 27), part.DeliveryDate);
        Assert.Contains(promise.Reasons, r => r.Code == "AfterCutOff");
        var closed = Assert.Single(promise.Reasons, r => r.Code == "ClosedDay");
        Assert.Equal("2026-05-25", closed.Values["date"]);
        Assert.Equal("Pfingstmontag", closed.Values["why"]);
        Assert.Equal("Whit Monday", closed.Values["whyEn"]);
    }

    [Fact]
    public void Handling_days_are_working_days_of_the_warehouse()
    {
        var promise = Promise(10, [Stock("A", 50)], [Warehouse("A", handlingDays: 2)], Transits(("A", 1)), MondayMorning);

        Assert.Equal(new DateOnly(2026, 3, 11), promise.Complete.Parts[0].ShipDate);
        Assert.Contains(promise.Reasons, r => r.Code == "HandlingDays" && r.Values["days"] == "2");
    }

    [Fact]
    public void Inbound_arriving_tomorrow_near_the_customer_beats_stock_far_away()
    {
        var promise = Promise(
            10,
            [Stock("FAR", 50), Inbound("NEAR", 50, new DateOnly(2026, 3, 10))],
            [Warehouse("FAR", handlingDays: 1), Warehouse("NEAR", GermanState.NW)],
            Transits(("FAR", 3), ("NEAR", 1)),
            MondayMorning);

        var part = Assert.Single(promise.Complete.Parts);
        Assert.Equal("NEAR", part.WarehouseCode);
        Assert.Equal(Receipt, part.ReceiptId);
        Assert.Equal(new DateOnly(2026, 3, 11), part.ShipDate);
        Assert.Equal(new DateOnly(2026, 3, 12), part.DeliveryDate);
        Assert.Contains(promise.Reasons, r => r.Code == "FromInbound" && r.Values["arrivesOn"] == "2026-03-10" && r.Values["quantity"] == "10");
        Assert.DoesNotContain(promise.Reasons, r => r.Code == "NotEnoughStock");
    }

    [Fact]
    public void Stock_far_away_beats_inbound_near_the_customer_that_arrives_later()
    {
        var promise = Promise(
            10,
            [Stock("FAR", 50), Inbound("NEAR", 50, new DateOnly(2026, 3, 12))],
            [Warehouse("FAR", handlingDays: 1), Warehouse("NEAR", GermanState.NW)],
            Transits(("FAR", 3), ("NEAR", 1)),
            MondayMorning);

        var part = Assert.Single(promise.Complete.Parts);
        Assert.Equal("FAR", part.WarehouseCode);
        Assert.Null(part.ReceiptId);
        Assert.Equal(new DateOnly(2026, 3, 13), part.DeliveryDate);
        Assert.Contains(promise.Reasons, r => r.Code == "TransitDays" && r.Values["days"] == "3" && r.Values["carrier"] == "DHL");
    }

    [Fact]
    public void A_warehouse_without_transit_to_the_destination_does_not_serve_it()
    {
        var promise = Promise(10, [Stock("A", 50), Stock("B", 50)], [Warehouse("A"), Warehouse("B")], Transits(("B", 2)), MondayMorning);

        Assert.Equal("B", Assert.Single(promise.Complete.Parts).WarehouseCode);
    }

    [Fact]
    public void More_than_the_stock_is_promised_complete_when_the_inbound_arrives_or_partly_at_once()
    {
        var promise = Promise(100, [Stock("A", 40), Inbound("A", 60, new DateOnly(2026, 3, 19))], [Warehouse("A")], Transits(("A", 1)), MondayMorning);

        var later = new DateOnly(2026, 3, 23);
        Assert.Equal(later, promise.Complete.DeliveryDate);
        Assert.All(promise.Complete.Parts, p => Assert.Equal(later, p.DeliveryDate));
        Assert.Equal(100, promise.Complete.Parts.Sum(p => p.Quantity));
        // The stock part waits in the warehouse so both arrive together.
        Assert.All(promise.Complete.Parts, p => Assert.Equal(new DateOnly(2026, 3, 20), p.ShipDate));

        var partial = Assert.IsType<DeliveryPlan>(promise.Partial);
        Assert.Equal(PlanKind.Partial, partial.Kind);
        Assert.Collection(
            partial.Parts,
            first => Assert.Equal((40, null, new DateOnly(2026, 3, 9), new DateOnly(2026, 3, 10)), (first.Quantity, first.ReceiptId, first.ShipDate, first.DeliveryDate)),
            second => Assert.Equal((60, Receipt, new DateOnly(2026, 3, 20), later), (second.Quantity, second.ReceiptId, second.ShipDate, second.DeliveryDate)));
        Assert.Equal(new DateOnly(2026, 3, 10), partial.FirstDeliveryDate);
        Assert.Same(partial, promise.Plan(PlanKind.Partial));
        Assert.Contains(promise.Reasons, r => r.Code == "NotEnoughStock" && r.Values["available"] == "40");
        Assert.Contains(promise.Reasons, r => r.Code == "FromInbound" && r.Values["quantity"] == "60");
    }

    [Fact]
    public void A_quantity_the_stock_covers_has_only_a_complete_plan()
    {
        var promise = Promise(30, [Stock("A", 40), Inbound("A", 60, new DateOnly(2026, 3, 19))], [Warehouse("A")], Transits(("A", 1)), MondayMorning);

        var part = Assert.Single(promise.Complete.Parts);
        Assert.Equal((30, new DateOnly(2026, 3, 10)), (part.Quantity, part.DeliveryDate));
        Assert.Null(promise.Partial);
        Assert.Same(promise.Complete, promise.Plan(PlanKind.Partial));
    }

    [Fact]
    public void The_complete_plan_prefers_one_warehouse_that_has_it_all_by_the_same_date()
    {
        var promise = Promise(100, [Stock("A", 40), Stock("B", 100)], [Warehouse("A"), Warehouse("B")], Transits(("A", 1), ("B", 2)), MondayMorning);

        var part = Assert.Single(promise.Complete.Parts);
        Assert.Equal(("B", 100, new DateOnly(2026, 3, 11)), (part.WarehouseCode, part.Quantity, part.DeliveryDate));
        var partial = Assert.IsType<DeliveryPlan>(promise.Partial);
        Assert.Equal([("A", 40), ("B", 60)], partial.Parts.Select(p => (p.WarehouseCode, p.Quantity)));
    }

    [Fact]
    public void Inbound_that_has_already_arrived_ships_with_the_stock()
    {
        var tuesdayAfternoon = new DateTimeOffset(2026, 3, 10, 15, 0, 0, TimeSpan.FromHours(1));

        var promise = Promise(10, [Inbound("A", 50, new DateOnly(2026, 3, 2))], [Warehouse("A")], Transits(("A", 1)), tuesdayAfternoon);

        Assert.Equal(new DateOnly(2026, 3, 11), promise.Complete.Parts[0].ShipDate);
    }

    [Fact]
    public void A_requested_date_later_than_possible_is_the_delivery_date()
    {
        var requested = new DateOnly(2026, 3, 20);

        var promise = Promise(10, [Stock("A", 50)], [Warehouse("A")], Transits(("A", 1)), MondayMorning, requested);

        var part = Assert.Single(promise.Complete.Parts);
        Assert.Equal(requested, part.DeliveryDate);
        Assert.Equal(new DateOnly(2026, 3, 19), part.ShipDate);
        Assert.DoesNotContain(promise.Reasons, r => r.Code == "LaterThanRequested");
    }

    [Fact]
    public void A_requested_date_earlier_than_possible_is_explained()
    {
        var promise = Promise(10, [Stock("A", 50)], [Warehouse("A")], Transits(("A", 1)), MondayMorning, new DateOnly(2026, 3, 9));

        Assert.Equal(new DateOnly(2026, 3, 10), promise.Complete.DeliveryDate);
        var reason = Assert.Single(promise.Reasons, r => r.Code == "LaterThanRequested");
        Assert.Equal(("2026-03-09", "2026-03-10"), (reason.Values["requested"], reason.Values["promised"]));
    }

    [Fact]
    public void A_requested_Saturday_is_delivered_on_the_following_Monday()
    {
        var promise = Promise(10, [Stock("A", 50)], [Warehouse("A")], Transits(("A", 1)), MondayMorning, new DateOnly(2026, 3, 21));

        Assert.Equal(new DateOnly(2026, 3, 23), promise.Complete.DeliveryDate);
        Assert.Contains(promise.Reasons, r => r.Code == "ClosedDay" && r.Values["date"] == "2026-03-21" && r.Values["whyEn"] == "weekend");
        Assert.Contains(promise.Reasons, r => r.Code == "LaterThanRequested");
    }

    [Fact]
    public void Parts_that_could_come_sooner_than_requested_come_on_the_requested_date()
    {
        var promise = Promise(
            100, [Stock("A", 40), Inbound("A", 60, new DateOnly(2026, 3, 19))], [Warehouse("A")], Transits(("A", 1)), MondayMorning, new DateOnly(2026, 3, 16));

        var partial = Assert.IsType<DeliveryPlan>(promise.Partial);
        Assert.Equal([new DateOnly(2026, 3, 16), new DateOnly(2026, 3, 23)], partial.Parts.Select(p => p.DeliveryDate));
    }

    [Fact]
    public void Company_holidays_push_handling_after_them()
    {
        var christmasBreak = Enumerable.Range(24, 8).Select(day => new DateOnly(2026, 12, day)).ToHashSet();
        var wednesdayAfternoon = new DateTimeOffset(2026, 12, 23, 15, 0, 0, TimeSpan.FromHours(1));

        var promise = Promise(10, [Stock("A", 50)], [Warehouse("A", companyHolidays: christmasBreak)], Transits(("A", 1)), wednesdayAfternoon);

        var part = Assert.Single(promise.Complete.Parts);
        Assert.Equal(new DateOnly(2027, 1, 4), part.ShipDate);
        Assert.Equal(new DateOnly(2027, 1, 5), part.DeliveryDate);
        var closed = promise.Reasons.Where(r => r.Code == "ClosedDay").Select(r => (r.Values["date"], r.Values["why"])).ToList();
        Assert.Contains(("2026-12-24", "Betriebsferien"), closed);
        Assert.Contains(("2026-12-25", "1. Weihnachtstag"), closed);
        Assert.Contains(("2027-01-01", "Neujahr"), closed);
    }

    [Fact]
    public void Without_any_supply_the_line_is_backordered_for_the_fallback_lead_time()
    {
        var promise = Promise(5, [], [], Transits(), MondayMorning, fallbackLeadDays: 10);

        var part = Assert.Single(promise.Complete.Parts);
        Assert.Equal(("", (Guid?)null, 5, ""), (part.WarehouseCode, part.ReceiptId, part.Quantity, part.Carrier));
        Assert.Equal(new DateOnly(2026, 3, 23), part.DeliveryDate);
        Assert.Equal(part.DeliveryDate, part.ShipDate);
        Assert.Null(promise.Partial);
        Assert.Contains(promise.Reasons, r => r.Code == "NoSupply" && r.Values["days"] == "10");
        Assert.Contains(promise.Reasons, r => r.Code == "NotEnoughStock" && r.Values["available"] == "0");
    }

    [Fact]
    public void What_the_supply_does_not_cover_is_backordered_and_may_be_delivered_partly()
    {
        var promise = Promise(15, [Stock("A", 10)], [Warehouse("A")], Transits(("A", 1)), MondayMorning, fallbackLeadDays: 10);

        Assert.Equal(new DateOnly(2026, 3, 23), promise.Complete.DeliveryDate);
        var partial = Assert.IsType<DeliveryPlan>(promise.Partial);
        Assert.Equal([("A", 10, new DateOnly(2026, 3, 10)), ("", 5, new DateOnly(2026, 3, 23))], partial.Parts.Select(p => (p.WarehouseCode, p.Quantity, p.DeliveryDate)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_line_needs_at_least_one_piece(int quantity) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Promise(quantity, [Stock("A", 50)], [Warehouse("A")], Transits(("A", 1)), MondayMorning));

    private static LinePromise Promise(
        int quantity,
        IReadOnlyList<SupplyLot> supply,
        IEnumerable<WarehouseProfile> warehouses,
        IReadOnlyDictionary<string, Transit> transits,
        DateTimeOffset now,
        DateOnly? requested = null,
        int fallbackLeadDays = 10) =>
        DeliveryPromising.Promise(new PromiseInput("SHS-M8X40", quantity, requested, supply, transits, fallbackLeadDays), warehouses.ToDictionary(w => w.Code), now);

    private static WarehouseProfile Warehouse(string code, GermanState state = GermanState.BY, int handlingDays = 0, IReadOnlySet<DateOnly>? companyHolidays = null) =>
        new(code, "Lager " + code, state, "Europe/Berlin", new TimeOnly(14, 0), handlingDays, companyHolidays ?? new HashSet<DateOnly>());

    private static SupplyLot Stock(string warehouse, int quantity) => new(warehouse, quantity, null, null);

    private static SupplyLot Inbound(string warehouse, int quantity, DateOnly arrivesOn) => new(warehouse, quantity, arrivesOn, Receipt);

    private static Dictionary<string, Transit> Transits(params (string Warehouse, int Days)[] transits) =>
        transits.ToDictionary(t => t.Warehouse, t => new Transit("DHL", t.Days));
}
