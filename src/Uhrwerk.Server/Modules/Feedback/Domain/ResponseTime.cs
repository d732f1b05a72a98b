using Uhrwerk.Server.Platform.Localization;

namespace Uhrwerk.Server.Modules.Feedback.Domain;

/// <summary>
/// The promise to answer within so many working hours: counted only on working days (no weekends or holidays) between the
/// opening and closing hour, Europe/Berlin. A case opened in the evening is due in the next day's working hours.
/// </summary>
public sealed class ResponseTime(int hours, TimeOnly opens, TimeOnly closes, Func<DateOnly, bool> isWorkingDay)
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    public DateTimeOffset DueAfter(DateTimeOffset start)
    {
        var left = TimeSpan.FromHours(hours);
        var local = BerlinTime.ToLocal(start).DateTime;
        var day = DateOnly.FromDateTime(local);
        var from = TimeOnly.FromDateTime(local);
        while (true)
        {
            if (isWorkingDay(day) && from < closes)
            {
                var begin = from < opens ? opens : from;
                var available = closes - begin;
                if (left <= available)
                {
                    var due = day.ToDateTime(begin) + left;
                    return new DateTimeOffset(due, Berlin.GetUtcOffset(due)).ToUniversalTime();
                }

                left -= available;
            }

            day = day.AddDays(1);
            from = TimeOnly.MinValue;
        }
    }
}
