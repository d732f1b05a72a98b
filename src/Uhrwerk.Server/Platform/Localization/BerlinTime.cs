using System.Globalization;

namespace Uhrwerk.Server.Platform.Localization;

/// <summary>Times the customer sees are local to Germany, whatever the server's zone.</summary>
public static class BerlinTime
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    public static DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>The German business day an instant falls on.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(ToLocal(instant).DateTime);

    public static string Format(DateTimeOffset instant) => ToLocal(instant).ToString("g", CultureInfo.CurrentCulture);
}
