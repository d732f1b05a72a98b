using System.Globalization;

namespace Uhrwerk.Server.Platform.Localization;

/// <summary>Times the customer sees are local to Germany, whatever the server's zone.</summary>
public static class BerlinTime
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    public static DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>The German business day an instant falls on.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(ToLocal(instant).DateTime);

    /// <summary>The instant a German day begins (midnight in Berlin), e.g. where a month or quarter starts for the customer.</summary>
    public static DateTimeOffset StartOf(DateOnly day) =>
        new(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), Zone), TimeSpan.Zero);

    public static string Format(DateTimeOffset instant) => ToLocal(instant).ToString("g", CultureInfo.CurrentCulture);
}
