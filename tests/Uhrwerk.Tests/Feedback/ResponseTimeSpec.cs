using Uhrwerk.Server.Modules.Feedback.Domain;

namespace Uhrwerk.Tests.Feedback;

/// <summary>The response promise counts working hours only: Mon–Fri 8–17 in Berlin, without holidays.</summary>
public sealed class ResponseTimeSpec
{
    private static readonly HashSet<DateOnly> Holidays = [new(2026, 12, 25), new(2026, 12, 26)];

    private static readonly ResponseTime EightHours = new(8, new TimeOnly(8, 0), new TimeOnly(17, 0),
        day => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !Holidays.Contains(day));

    private static DateTimeOffset Berlin(int year, int month, int day, int hour, int minute = 0) =>
        new(year, month, day, hour, minute, 0, TimeSpan.FromHours(1));

    [Fact]
    public void An_answer_on_friday_afternoon_is_due_on_monday() =>
        Assert.Equal(Berlin(2027, 1, 11, 14), EightHours.DueAfter(Berlin(2027, 1, 8, 15)));

    [Fact]
    public void Holidays_and_the_weekend_do_not_count() =>
        Assert.Equal(Berlin(2026, 12, 28, 15), EightHours.DueAfter(Berlin(2026, 12, 24, 16)));

    [Fact]
    public void An_answer_in_the_night_counts_from_the_next_opening() =>
        Assert.Equal(Berlin(2027, 1, 12, 16), EightHours.DueAfter(Berlin(2027, 1, 12, 2, 30)));
}
