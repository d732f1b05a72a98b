using Uhrwerk.Server.Modules.Inventory.Domain;

namespace Uhrwerk.Tests.Inventory;

public sealed class GermanPublicHolidaysTests
{
    public static TheoryData<int, GermanState> YearsAndStates()
    {
        var data = new TheoryData<int, GermanState>();
        foreach (var year in Enumerable.Range(2026, 5))
        {
            foreach (var state in Enum.GetValues<GermanState>())
            {
                data.Add(year, state);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(YearsAndStates))]
    public void Every_state_has_the_nationwide_holidays(int year, GermanState state)
    {
        var easter = GermanPublicHolidays.EasterSunday(year);
        var dates = GermanPublicHolidays.For(year, state).Select(h => h.Date).ToHashSet();

        DateOnly[] nationwide =
        [
            new(year, 1, 1), easter.AddDays(-2), easter.AddDays(1), new(year, 5, 1), easter.AddDays(39), easter.AddDays(50),
            new(year, 10, 3), new(year, 12, 25), new(year, 12, 26),
        ];
        Assert.All(nationwide, day => Assert.Contains(day, dates));
    }

    [Theory]
    [InlineData(1995, "1995-04-16")]
    [InlineData(2000, "2000-04-23")]
    [InlineData(2008, "2008-03-23")]
    [InlineData(2026, "2026-04-05")]
    [InlineData(2027, "2027-03-28")]
    [InlineData(2028, "2028-04-16")]
    [InlineData(2029, "2029-04-01")]
    [InlineData(2030, "2030-04-21")]
    [InlineData(2038, "2038-04-25")]
    [InlineData(2100, "2100-03-28")]
    public void Easter_Sunday_falls_on_the_known_date(int year, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), GermanPublicHolidays.EasterSunday(year));

    [Theory]
    [InlineData(GermanState.BW, 12)]
    [InlineData(GermanState.BY, 12)]
    [InlineData(GermanState.BE, 10)]
    [InlineData(GermanState.BB, 12)]
    [InlineData(GermanState.HB, 10)]
    [InlineData(GermanState.HH, 10)]
    [InlineData(GermanState.HE, 10)]
    [InlineData(GermanState.MV, 11)]
    [InlineData(GermanState.NI, 10)]
    [InlineData(GermanState.NW, 11)]
    [InlineData(GermanState.RP, 11)]
    [InlineData(GermanState.SL, 12)]
    [InlineData(GermanState.SN, 11)]
    [InlineData(GermanState.ST, 11)]
    [InlineData(GermanState.SH, 10)]
    [InlineData(GermanState.TH, 11)]
    public void Each_state_has_its_number_of_statewide_holidays_in_2026(GermanState state, int count) =>
        Assert.Equal(count, GermanPublicHolidays.For(2026, state).Count);

    [Theory]
    [InlineData("2026-11-18", GermanState.SN, "Buß- und Bettag")]
    [InlineData("2026-06-04", GermanState.BY, "Fronleichnam")]
    [InlineData("2026-10-31", GermanState.NI, "Reformationstag")]
    [InlineData("2026-03-08", GermanState.BE, "Internationaler Frauentag")]
    [InlineData("2026-09-20", GermanState.TH, "Weltkindertag")]
    [InlineData("2026-01-06", GermanState.BW, "Heilige Drei Könige")]
    [InlineData("2026-11-01", GermanState.NW, "Allerheiligen")]
    [InlineData("2026-08-15", GermanState.SL, "Mariä Himmelfahrt")]
    [InlineData("2026-04-05", GermanState.BB, "Ostersonntag")]
    [InlineData("2026-05-24", GermanState.BB, "Pfingstsonntag")]
    [InlineData("2026-05-25", GermanState.BY, "Pfingstmontag")]
    [InlineData("2027-11-17", GermanState.SN, "Buß- und Bettag")]
    [InlineData("2017-10-31", GermanState.BY, "Reformationstag")]
    [InlineData("2018-10-31", GermanState.HH, "Reformationstag")]
    [InlineData("2025-05-08", GermanState.BE, "Tag der Befreiung")]
    public void A_state_holiday_is_there_in_its_state(string date, GermanState state, string german) =>
        Assert.Equal(german, GermanPublicHolidays.On(DateOnly.Parse(date), state)?.German);

    [Theory]
    [InlineData("2026-11-18", GermanState.BY)]
    [InlineData("2026-11-18", GermanState.BE)]
    [InlineData("2026-06-04", GermanState.NI)]
    [InlineData("2026-06-04", GermanState.SN)]
    [InlineData("2026-10-31", GermanState.BY)]
    [InlineData("2016-10-31", GermanState.NI)]
    [InlineData("2026-03-08", GermanState.HH)]
    [InlineData("2018-03-08", GermanState.BE)]
    [InlineData("2022-03-08", GermanState.MV)]
    [InlineData("2026-09-20", GermanState.SN)]
    [InlineData("2018-09-20", GermanState.TH)]
    [InlineData("2026-01-06", GermanState.NW)]
    [InlineData("2026-11-01", GermanState.HH)]
    [InlineData("2026-08-15", GermanState.BY)]
    [InlineData("2026-04-05", GermanState.BE)]
    [InlineData("2026-05-08", GermanState.BE)]
    public void A_state_holiday_is_an_ordinary_day_elsewhere(string date, GermanState state) =>
        Assert.Null(GermanPublicHolidays.On(DateOnly.Parse(date), state));

    [Fact]
    public void Nationwide_holidays_are_the_nine_every_state_keeps()
    {
        var nationwide = GermanPublicHolidays.Nationwide(2026);

        Assert.Equal(
            ["Neujahr", "Karfreitag", "Ostermontag", "Tag der Arbeit", "Christi Himmelfahrt", "Pfingstmontag", "Tag der Deutschen Einheit", "1. Weihnachtstag", "2. Weihnachtstag"],
            nationwide.Select(h => h.German));
        Assert.Contains(GermanPublicHolidays.Nationwide(2017), h => h.Date == new DateOnly(2017, 10, 31));
    }

    [Fact]
    public void Holidays_come_in_German_and_English_in_date_order()
    {
        var holidays = GermanPublicHolidays.For(2026, GermanState.SN);

        Assert.Equal(holidays.OrderBy(h => h.Date), holidays);
        Assert.Equal("Day of Repentance and Prayer", holidays.Single(h => h.German == "Buß- und Bettag").English);
    }

    [Theory]
    [InlineData(1994)]
    [InlineData(2101)]
    public void Years_outside_1995_to_2100_are_not_supported(int year) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => GermanPublicHolidays.For(year, GermanState.BY));
}
