using System.Collections.Concurrent;

namespace Uhrwerk.Server.Modules.Inventory.Domain;

/// <summary>
/// Monday to Friday without the public holidays of a state and those of its communities given as local
/// (or, without a state, only the nationwide ones) and without the company's own closing days.
/// </summary>
public sealed class WorkingCalendar
{
    private readonly GermanState? state;
    private readonly LocalHolidays local;
    private readonly HashSet<DateOnly> companyHolidays;
    // Shared by all calendars: a promise builds calendars per call, the holidays of a state and year never change.
    private static readonly ConcurrentDictionary<(GermanState? State, LocalHolidays Local, int Year), IReadOnlyDictionary<DateOnly, PublicHoliday>> HolidaysByYear = new();

    public WorkingCalendar(GermanState? state, IEnumerable<DateOnly>? companyHolidays = null, LocalHolidays local = LocalHolidays.None)
    {
        this.state = state;
        this.local = local;
        this.companyHolidays = [.. companyHolidays ?? []];
    }

    /// <summary>The days a parcel can be delivered at a destination: its state's and its community's working days, nationwide ones where the area is unknown.</summary>
    public static WorkingCalendar DeliveryDaysAt(PostalArea? destination) =>
        new(destination?.State, local: destination?.Local ?? LocalHolidays.None);

    public bool IsWorkingDay(DateOnly day) => WhyClosed(day, english: false) is null;

    public DateOnly NextWorkingDay(DateOnly day)
    {
        var next = day.AddDays(1);
        while (!IsWorkingDay(next))
        {
            next = next.AddDays(1);
        }

        return next;
    }

    public DateOnly OnOrAfter(DateOnly day) => IsWorkingDay(day) ? day : NextWorkingDay(day);

    /// <summary>
    /// The day <paramref name="days"/> working days after <paramref name="start"/>, the start itself not counted,
    /// as a lead time of "n working days" is meant; zero days is the start if it is a working day, else the next one.
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        if (days == 0)
        {
            return OnOrAfter(start);
        }

        var day = start;
        for (var i = 0; i < days; i++)
        {
            day = NextWorkingDay(day);
        }

        return day;
    }

    public string? WhyClosed(DateOnly day, bool english)
    {
        if (HolidaysOf(day.Year).TryGetValue(day, out var holiday))
        {
            return english ? holiday.English : holiday.German;
        }

        if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            return english ? "weekend" : "Wochenende";
        }

        if (companyHolidays.Contains(day))
        {
            return english ? "company holiday" : "Betriebsferien";
        }

        return null;
    }

    private IReadOnlyDictionary<DateOnly, PublicHoliday> HolidaysOf(int year) =>
        HolidaysByYear.GetOrAdd((state, local, year), key =>
        {
            var holidays = key.State is { } s ? GermanPublicHolidays.For(key.Year, s, key.Local) : GermanPublicHolidays.Nationwide(key.Year);
            // Ascension Day can fall on 1 May; the first name is enough to explain the closed day.
            return holidays.GroupBy(h => h.Date).ToDictionary(g => g.Key, g => g.First());
        });
}
