using Uhrwerk.Server.Platform.Localization;

namespace Uhrwerk.Server.Modules.Feedback.Domain;

/// <summary>How often a company's people are asked how they feel about the supplier; the value is the period's length in months.</summary>
public enum RelationshipInterval
{
    Month = 1,
    Quarter = 3,
    HalfYear = 6,
    Year = 12,
}

/// <summary>
/// One period of the relationship survey, as German calendar months: its label ("2026-Q4", "2026-11", "2026-H2", "2026")
/// is what makes an invitation once per person and period, and its start is when the survey of that period is due.
/// </summary>
public sealed record RelationshipPeriod(string Label, DateOnly FirstDay, DateOnly NextFirstDay)
{
    public DateTimeOffset Start => BerlinTime.StartOf(FirstDay);

    public static RelationshipPeriod Of(DateTimeOffset instant, RelationshipInterval interval)
    {
        var months = (int)interval;
        if (months is not (1 or 3 or 6 or 12))
        {
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "A period is one, three, six or twelve months long.");
        }

        var day = BerlinTime.DateOf(instant);
        var index = (day.Month - 1) / months;
        var first = new DateOnly(day.Year, index * months + 1, 1);
        var label = interval switch
        {
            RelationshipInterval.Month => $"{day.Year}-{day.Month:00}",
            RelationshipInterval.Quarter => $"{day.Year}-Q{index + 1}",
            RelationshipInterval.HalfYear => $"{day.Year}-H{index + 1}",
            _ => $"{day.Year}",
        };
        return new RelationshipPeriod(label, first, first.AddMonths(months));
    }
}
