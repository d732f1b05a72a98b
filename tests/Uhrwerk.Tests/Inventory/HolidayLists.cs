namespace Uhrwerk.Tests.Inventory;

/// <summary>
/// Public holidays per state for 2027 and 2028, written out by hand from the states' holiday laws,
/// so that the tests judge the product's calendar instead of repeating its computation.
/// </summary>
internal static class HolidayLists
{
    public static readonly DateOnly First = new(2027, 1, 1);
    public static readonly DateOnly Last = new(2028, 12, 31);

    private static readonly string[] Everywhere =
    [
        "2027-01-01", "2027-03-26", "2027-03-29", "2027-05-01", "2027-05-06", "2027-05-17", "2027-10-03", "2027-12-25", "2027-12-26",
        "2028-01-01", "2028-04-14", "2028-04-17", "2028-05-01", "2028-05-25", "2028-06-05", "2028-10-03", "2028-12-25", "2028-12-26",
    ];

    private static readonly string[] Epiphany = ["2027-01-06", "2028-01-06"];
    private static readonly string[] CorpusChristi = ["2027-05-27", "2028-06-15"];
    private static readonly string[] Assumption = ["2027-08-15", "2028-08-15"];
    private static readonly string[] AllSaints = ["2027-11-01", "2028-11-01"];
    private static readonly string[] Reformation = ["2027-10-31", "2028-10-31"];
    private static readonly string[] WomensDay = ["2027-03-08", "2028-03-08"];

    private static readonly Dictionary<string, string[]> ByState = new()
    {
        ["BW"] = [.. Epiphany, .. CorpusChristi, .. AllSaints],
        ["BY"] = [.. Epiphany, .. CorpusChristi, .. Assumption, .. AllSaints],
        ["BE"] = [.. WomensDay],
        ["BB"] = ["2027-03-28", "2027-05-16", "2028-04-16", "2028-06-04", .. Reformation],
        ["HB"] = [.. Reformation],
        ["HH"] = [.. Reformation],
        ["HE"] = [.. CorpusChristi],
        ["MV"] = [.. WomensDay, .. Reformation],
        ["NI"] = [.. Reformation],
        ["NW"] = [.. CorpusChristi, .. AllSaints],
        ["RP"] = [.. CorpusChristi, .. AllSaints],
        ["SL"] = [.. CorpusChristi, .. Assumption, .. AllSaints],
        ["SN"] = [.. Reformation, "2027-11-17", "2028-11-22"],
        ["ST"] = [.. Epiphany, .. Reformation],
        ["SH"] = [.. Reformation],
        ["TH"] = ["2027-09-20", "2028-09-20", .. Reformation],
    };

    /// <summary>A delivery address in every state, and the Catholic communities of Saxony and Thuringia that add Corpus Christi.</summary>
    public static readonly (string PostalCode, string Place, string State, bool CorpusChristi)[] Destinations =
    [
        ("70173", "Stuttgart", "BW", false),
        ("85748", "Garching bei München", "BY", false),
        ("97070", "Würzburg", "BY", false),
        ("10115", "Berlin", "BE", false),
        ("14467", "Potsdam", "BB", false),
        ("28195", "Bremen", "HB", false),
        ("27568", "Bremerhaven", "HB", false),
        ("20095", "Hamburg", "HH", false),
        ("60311", "Frankfurt am Main", "HE", false),
        ("19053", "Schwerin", "MV", false),
        ("30159", "Hannover", "NI", false),
        ("40210", "Düsseldorf", "NW", false),
        ("55116", "Mainz", "RP", false),
        ("66111", "Saarbrücken", "SL", false),
        ("04109", "Leipzig", "SN", false),
        ("01920", "Crostwitz", "SN", true),
        ("39104", "Magdeburg", "ST", false),
        ("24103", "Kiel", "SH", false),
        ("99084", "Erfurt", "TH", false),
        ("37308", "Heilbad Heiligenstadt", "TH", true),
    ];

    public static IReadOnlySet<DateOnly> Of(string state, bool corpusChristi) =>
        Everywhere.Concat(ByState[state]).Concat(corpusChristi ? CorpusChristi : []).Select(DateOnly.Parse).ToHashSet();

    /// <summary>Why a delivery on this day is wrong at the destination, or null when it is a working day there.</summary>
    public static string? Closed(DateOnly day, IReadOnlySet<DateOnly> holidays)
    {
        Assert.True(day >= First && day <= Last, $"{day:yyyy-MM-dd} is outside the years the lists cover; extend them.");
        return day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? "a weekend" : holidays.Contains(day) ? "a public holiday" : null;
    }
}
