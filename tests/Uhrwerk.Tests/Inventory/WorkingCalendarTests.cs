using Uhrwerk.Server.Modules.Inventory.Domain;

namespace Uhrwerk.Tests.Inventory;

public sealed class WorkingCalendarTests
{
    private static readonly WorkingCalendar Bavaria = new(GermanState.BY);

    [Fact]
    public void Weekends_and_state_holidays_are_closed_days()
    {
        Assert.True(Bavaria.IsWorkingDay(new DateOnly(2026, 5, 22)));
        Assert.Equal("Wochenende", Bavaria.WhyClosed(new DateOnly(2026, 5, 23), english: false));
        Assert.Equal("Whit Monday", Bavaria.WhyClosed(new DateOnly(2026, 5, 25), english: true));
        Assert.Equal("Fronleichnam", Bavaria.WhyClosed(new DateOnly(2026, 6, 4), english: false));
    }

    [Fact]
    public void Without_a_state_only_the_nationwide_holidays_close()
    {
        var nationwide = new WorkingCalendar(null);

        Assert.True(nationwide.IsWorkingDay(new DateOnly(2026, 6, 4)));
        Assert.False(nationwide.IsWorkingDay(new DateOnly(2026, 5, 25)));
    }

    [Fact]
    public void Company_holidays_close_the_company_alone()
    {
        var calendar = new WorkingCalendar(GermanState.NW, [new DateOnly(2026, 12, 28)]);

        Assert.Equal("Betriebsferien", calendar.WhyClosed(new DateOnly(2026, 12, 28), english: false));
        Assert.Equal("company holiday", calendar.WhyClosed(new DateOnly(2026, 12, 28), english: true));
        Assert.Null(calendar.WhyClosed(new DateOnly(2026, 12, 29), english: false));
    }

    [Fact]
    public void The_next_working_day_after_Whitsun_Friday_is_Tuesday()
    {
        Assert.Equal(new DateOnly(2026, 5, 26), Bavaria.NextWorkingDay(new DateOnly(2026, 5, 22)));
        Assert.Equal(new DateOnly(2026, 5, 22), Bavaria.OnOrAfter(new DateOnly(2026, 5, 22)));
        Assert.Equal(new DateOnly(2026, 5, 26), Bavaria.OnOrAfter(new DateOnly(2026, 5, 23)));
    }

    [Theory]
    [InlineData("2026-05-22", 0, "2026-05-22")]
    [InlineData("2026-05-23", 0, "2026-05-26")]
    [InlineData("2026-05-21", 1, "2026-05-22")]
    [InlineData("2026-05-22", 1, "2026-05-26")]
    [InlineData("2026-05-23", 1, "2026-05-26")]
    [InlineData("2026-05-22", 3, "2026-05-28")]
    public void Working_days_are_counted_after_the_start(string start, int days, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), Bavaria.AddWorkingDays(DateOnly.Parse(start), days));
}
