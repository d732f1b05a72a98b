using System.Globalization;

namespace Uhrwerk.Server.Platform.Localization;

/// <summary>Times the customer sees are local to Germany, whatever the server's zone.</summary>
public static class BerlinTime
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    public static DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>The German business day an instant falls on.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(ToLocal(instant).DateTime);

    /// <summary>The instant a Berlin wall-clock time on a day stands for, summer time or not; in UTC, as PostgreSQL stores instants.</summary>
    public static DateTimeOffset At(DateOnly day, TimeOnly time)
    {
        var local = day.ToDateTime(time);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>The instant a German day begins (midnight in Berlin), e.g. where a month or quarter starts for the customer.</summary>
    public static DateTimeOffset StartOf(DateOnly day) => At(day, TimeOnly.MinValue);

    public static string Format(DateTimeOffset instant) => ToLocal(instant).ToString("g", CultureInfo.CurrentCulture);
}
