using Uhrwerk.Server.Modules.Inventory;
using Uhrwerk.Server.Modules.Inventory.Domain;

namespace Uhrwerk.Tests.Inventory;

/// <summary>Deliveries count the working days of the destination, found from its postal code.</summary>
public sealed class RegionalHolidaysTests
{
    private static readonly IReadOnlyDictionary<string, WarehouseProfile> Warehouses = new[]
    {
        new WarehouseProfile("DTM", "Lager Dortmund", GermanState.NW, "Europe/Berlin", new TimeOnly(15, 0), 1, new HashSet<DateOnly>()),
        new WarehouseProfile("MUC", "Lager Garching", GermanState.BY, "Europe/Berlin", new TimeOnly(14, 0), 1, new HashSet<DateOnly>()),
        new WarehouseProfile("LEJ", "Lager Leipzig", GermanState.SN, "Europe/Berlin", new TimeOnly(16, 0), 2, new HashSet<DateOnly>()),
    }.ToDictionary(w => w.Code);

    public static TheoryData<string, string, string, bool> Destinations()
    {
        var data = new TheoryData<string, string, string, bool>();
        foreach (var (postalCode, place, state, corpusChristi) in HolidayLists.Destinations)
        {
            data.Add(postalCode, place, state, corpusChristi);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Destinations))]
    public void A_postal_code_names_its_state_and_the_local_holidays_of_its_communities(string postalCode, string place, string state, bool corpusChristi)
    {
        var area = GermanPostalCodes.Find(postalCode);

        Assert.NotNull(area);
        Assert.True(area.State.ToString() == state, $"{postalCode} {place} lies in {state}, not {area.State}");
        Assert.Equal(corpusChristi, area.Local.HasFlag(LocalHolidays.CorpusChristi));
        if (state == "BY")
        {
            Assert.True(area.Local.HasFlag(LocalHolidays.AssumptionDay), $"{place} is taken to observe the Assumption, as all of Bavaria");
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("8574")]
    [InlineData("857480")]
    [InlineData("85a48")]
    [InlineData("00999")]
    public void Anything_but_an_assigned_five_digit_code_has_no_area(string postalCode) => Assert.Null(GermanPostalCodes.Find(postalCode));

    [Theory]
    [InlineData("01945", "BB")] // Ruhland, Lusatia south of the Saxon border
    [InlineData("04600", "TH")] // Altenburg
    [InlineData("06556", "TH")] // Artern
    [InlineData("12529", "BB")] // Schönefeld, at Berlin's edge
    [InlineData("17268", "BB")] // Templin
    [InlineData("19322", "BB")] // Wittenberge
    [InlineData("21465", "SH")] // Reinbek
    [InlineData("22844", "SH")] // Norderstedt
    [InlineData("23966", "MV")] // Wismar
    [InlineData("27499", "HH")] // Neuwerk
    [InlineData("34346", "NI")] // Hann. Münden
    [InlineData("37213", "HE")] // Witzenhausen
    [InlineData("38820", "ST")] // Halberstadt
    [InlineData("48529", "NI")] // Nordhorn
    [InlineData("49477", "NW")] // Ibbenbüren
    [InlineData("53474", "RP")] // Bad Neuenahr-Ahrweiler
    [InlineData("55252", "HE")] // Mainz-Kastel
    [InlineData("57627", "RP")] // Hachenburg
    [InlineData("63739", "BY")] // Aschaffenburg
    [InlineData("66482", "RP")] // Zweibrücken
    [InlineData("68519", "HE")] // Viernheim
    [InlineData("76829", "RP")] // Landau
    [InlineData("88131", "BY")] // Lindau
    [InlineData("89231", "BY")] // Neu-Ulm
    [InlineData("96515", "TH")] // Sonneberg
    [InlineData("97877", "BW")] // Wertheim
    public void Codes_near_state_borders_go_to_the_right_state(string postalCode, string state) =>
        Assert.Equal(state, GermanPostalCodes.Find(postalCode)?.State.ToString());

    [Fact]
    public void The_destinations_holidays_close_the_delivery_days_there_and_only_there()
    {
        var garching = WorkingCalendar.DeliveryDaysAt(GermanPostalCodes.Find("85748"));
        var crostwitz = WorkingCalendar.DeliveryDaysAt(GermanPostalCodes.Find("01920"));
        var leipzig = WorkingCalendar.DeliveryDaysAt(GermanPostalCodes.Find("04109"));

        Assert.Equal("Heilige Drei Könige", garching.WhyClosed(new DateOnly(2027, 1, 6), english: false));
        Assert.Equal("Assumption Day", garching.WhyClosed(new DateOnly(2028, 8, 15), english: true));
        Assert.Equal("Fronleichnam", crostwitz.WhyClosed(new DateOnly(2027, 5, 27), english: false));
        Assert.True(leipzig.IsWorkingDay(new DateOnly(2027, 5, 27)));
        Assert.Equal("Buß- und Bettag", leipzig.WhyClosed(new DateOnly(2027, 11, 17), english: false));
    }

    [Fact]
    public void A_warehouse_in_a_community_with_a_local_holiday_does_not_ship_on_it()
    {
        // Tuesday 15 August 2028, after the cut-off on Monday: Garching handles on Wednesday, Dortmund on Tuesday.
        var mondayAfternoon = new DateTimeOffset(2028, 8, 14, 17, 0, 0, TimeSpan.FromHours(2));
        var garching = Warehouse.Open("MUC", "Lager Garching", "Industriestraße 9", "85748", "Garching bei München", GermanState.BY, "Europe/Berlin", new TimeOnly(14, 0), 0, 100m);
        var transit = new Dictionary<string, Transit> { ["MUC"] = new("DHL Freight", 1) };

        var promise = DeliveryPromising.Promise(
            new PromiseInput("SHS-M8X40", 1, null, [new SupplyLot("MUC", 5, null, null)], transit, 15, GermanPostalCodes.Find("40210")), new Dictionary<string, WarehouseProfile> { ["MUC"] = garching.Profile() }, mondayAfternoon);

        Assert.Equal(LocalHolidays.AssumptionDay, garching.CommunityHolidays());
        Assert.Equal(new DateOnly(2028, 8, 16), Assert.Single(promise.Complete.Parts).ShipDate);
        Assert.Contains(promise.Reasons, r => r.Code == "ClosedDay" && r.Values["date"] == "2028-08-15" && r.Values["why"] == "Mariä Himmelfahrt");
    }

    /// <summary>
    /// Acceptance: over thirteen months of order days and requested dates, to a destination in every state,
    /// no part of any plan is delivered on a weekend or a holiday there, and the transit of the earliest
    /// plan takes exactly its carrier's days counted in working days of the destination.
    /// </summary>
    [Theory]
    [MemberData(nameof(Destinations))]
    public void Thirteen_months_of_promises_never_deliver_on_a_closed_day_of_the_destination(string postalCode, string place, string state, bool corpusChristi)
    {
        var holidays = HolidayLists.Of(state, corpusChristi);
        var destination = GermanPostalCodes.Find(postalCode);
        var promises = 0;
        for (var day = new DateOnly(2027, 1, 1); day <= new DateOnly(2028, 1, 31); day = day.AddDays(1))
        {
            foreach (var hour in new[] { 9, 17 })
            {
                var now = new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, 0)), TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin").GetUtcOffset(day.ToDateTime(new TimeOnly(hour, 0))));
                foreach (var (warehouse, days) in new[] { ("MUC", 1), ("DTM", 2), ("LEJ", 3) })
                {
                    var transit = new Dictionary<string, Transit> { [warehouse] = new("DHL Freight", days) };
                    var earliest = DeliveryPromising.Promise(new PromiseInput("SHS-M8X40", 10, null, [new SupplyLot(warehouse, 10, null, null)], transit, 15, destination), Warehouses, now);
                    var part = Assert.Single(earliest.Complete.Parts);
                    var transitDays = WorkingDaysBetween(part.ShipDate, part.DeliveryDate, holidays);
                    Assert.True(transitDays == days, $"{place}: shipped {part.ShipDate:yyyy-MM-dd} from {warehouse}, delivered {part.DeliveryDate:yyyy-MM-dd}: {transitDays} working days there, not {days}");

                    var wished = DeliveryPromising.Promise(
                        new PromiseInput("SHS-M8X40", 15, day.AddDays(hour % 5), [new SupplyLot(warehouse, 10, null, null), new SupplyLot(warehouse, 20, day.AddDays(3), Guid.NewGuid())], transit, 15, destination),
                        Warehouses,
                        now);
                    var backordered = DeliveryPromising.Promise(new PromiseInput("SHS-M8X40", 5, null, [], transit, 15, destination), Warehouses, now);
                    foreach (var promise in new[] { earliest, wished, backordered })
                    {
                        promises++;
                        foreach (var delivery in promise.Complete.Parts.Concat(promise.Partial?.Parts ?? []))
                        {
                            var closed = HolidayLists.Closed(delivery.DeliveryDate, holidays);
                            Assert.True(closed is null, $"{place} ({state}): ordered {now:yyyy-MM-dd HH:mm}, promised for {delivery.DeliveryDate:yyyy-MM-dd}, which is {closed} there");
                        }
                    }
                }
            }
        }

        Assert.Equal(396 * 2 * 3 * 3, promises);
    }

    private static int WorkingDaysBetween(DateOnly shipped, DateOnly delivered, IReadOnlySet<DateOnly> holidays)
    {
        var count = 0;
        for (var day = shipped.AddDays(1); day <= delivered; day = day.AddDays(1))
        {
            count += HolidayLists.Closed(day, holidays) is null ? 1 : 0;
        }

        return count;
    }
}
