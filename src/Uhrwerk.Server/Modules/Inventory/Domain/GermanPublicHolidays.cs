using static Uhrwerk.Server.Modules.Inventory.Domain.GermanState;

namespace Uhrwerk.Server.Modules.Inventory.Domain;

public sealed record PublicHoliday(DateOnly Date, string German, string English);

/// <summary>
/// Statutory public holidays of a state, and those it leaves to some of its communities where the caller
/// knows (from the postal code) that they apply. Holidays a single town adds on its own (Augsburg's
/// Friedensfest) are left out.
/// </summary>
public static class GermanPublicHolidays
{
    // Buß- und Bettag stopped being a holiday outside Saxony in 1995; earlier years would need other rules.
    public const int FirstYear = 1995;
    public const int LastYear = 2100;

    private static readonly GermanState[] States = Enum.GetValues<GermanState>();

    public static IReadOnlyList<PublicHoliday> For(int year, GermanState state, LocalHolidays local = LocalHolidays.None) =>
        Candidates(year, local).Where(c => c.ObservedIn(state)).Select(c => c.Holiday).OrderBy(h => h.Date).ToList();

    /// <summary>The holidays every state has, which is what a carrier's nationwide network observes.</summary>
    public static IReadOnlyList<PublicHoliday> Nationwide(int year) =>
        Candidates(year, LocalHolidays.None).Where(c => States.All(c.ObservedIn)).Select(c => c.Holiday).OrderBy(h => h.Date).ToList();

    public static PublicHoliday? On(DateOnly day, GermanState state, LocalHolidays local = LocalHolidays.None) =>
        For(day.Year, state, local).FirstOrDefault(h => h.Date == day);

    public static DateOnly EasterSunday(int year)
    {
        CheckYear(year);
        // Anonymous Gregorian algorithm (Meeus/Jones/Butcher), Gauss's computus without his exceptions.
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    private static IEnumerable<(PublicHoliday Holiday, Func<GermanState, bool> ObservedIn)> Candidates(int year, LocalHolidays local)
    {
        var easter = EasterSunday(year);
        (PublicHoliday, Func<GermanState, bool>) Holiday(DateOnly date, string german, string english, Func<GermanState, bool> observedIn) =>
            (new PublicHoliday(date, german, english), observedIn);
        static bool Everywhere(GermanState _) => true;

        yield return Holiday(new DateOnly(year, 1, 1), "Neujahr", "New Year's Day", Everywhere);
        yield return Holiday(new DateOnly(year, 1, 6), "Heilige Drei Könige", "Epiphany", s => s is BW or BY or ST);
        yield return Holiday(new DateOnly(year, 3, 8), "Internationaler Frauentag", "International Women's Day",
            s => (s == BE && year >= 2019) || (s == MV && year >= 2023));
        yield return Holiday(easter.AddDays(-2), "Karfreitag", "Good Friday", Everywhere);
        yield return Holiday(easter, "Ostersonntag", "Easter Sunday", s => s == BB);
        yield return Holiday(easter.AddDays(1), "Ostermontag", "Easter Monday", Everywhere);
        yield return Holiday(new DateOnly(year, 5, 1), "Tag der Arbeit", "Labour Day", Everywhere);
        // Berlin made the 75th and 80th anniversaries of the end of the war one-off holidays.
        yield return Holiday(new DateOnly(year, 5, 8), "Tag der Befreiung", "Liberation Day", s => s == BE && (year is 2020 or 2025));
        yield return Holiday(easter.AddDays(39), "Christi Himmelfahrt", "Ascension Day", Everywhere);
        yield return Holiday(easter.AddDays(49), "Pfingstsonntag", "Whit Sunday", s => s == BB);
        yield return Holiday(easter.AddDays(50), "Pfingstmontag", "Whit Monday", Everywhere);
        // In Saxony and Thuringia Corpus Christi is a holiday only in some communities.
        yield return Holiday(easter.AddDays(60), "Fronleichnam", "Corpus Christi",
            s => s is BW or BY or HE or NW or RP or SL || (s is SN or TH && local.HasFlag(LocalHolidays.CorpusChristi)));
        // Bavaria observes the Assumption only in its predominantly Catholic communities.
        yield return Holiday(new DateOnly(year, 8, 15), "Mariä Himmelfahrt", "Assumption Day",
            s => s == SL || (s == BY && local.HasFlag(LocalHolidays.AssumptionDay)));
        yield return Holiday(new DateOnly(year, 9, 20), "Weltkindertag", "World Children's Day", s => s == TH && year >= 2019);
        yield return Holiday(new DateOnly(year, 10, 3), "Tag der Deutschen Einheit", "German Unity Day", Everywhere);
        // The 500th anniversary made 2017 a holiday everywhere; the four northern states adopted it for good from 2018.
        yield return Holiday(new DateOnly(year, 10, 31), "Reformationstag", "Reformation Day",
            s => year == 2017 || s is BB or MV or SN or ST or TH || (s is HB or HH or NI or SH && year >= 2018));
        yield return Holiday(new DateOnly(year, 11, 1), "Allerheiligen", "All Saints' Day", s => s is BW or BY or NW or RP or SL);
        yield return Holiday(WednesdayBefore(new DateOnly(year, 11, 23)), "Buß- und Bettag", "Day of Repentance and Prayer", s => s == SN);
        yield return Holiday(new DateOnly(year, 12, 25), "1. Weihnachtstag", "Christmas Day", Everywhere);
        yield return Holiday(new DateOnly(year, 12, 26), "2. Weihnachtstag", "Second Day of Christmas", Everywhere);
    }

    private static DateOnly WednesdayBefore(DateOnly day)
    {
        var back = ((int)day.DayOfWeek - (int)DayOfWeek.Wednesday + 6) % 7 + 1;
        return day.AddDays(-back);
    }

    private static void CheckYear(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, FirstYear);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, LastYear);
    }
}
