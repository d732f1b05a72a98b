using System.Globalization;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Accounts;
using Uhrwerk.Server.Modules.Feedback.Domain;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Feedback.Analytics;

/// <summary>
/// Which answers the figures count: answered in the period (Berlin days, both included), per ISO week or calendar month, broken down
/// by company, reason, carrier or warehouse, optionally of one company. Interval and breakdown are the query's words
/// (week|month, company|reason|carrier|warehouse).
/// </summary>
public sealed record FeedbackAnalyticsFilter(DateOnly? From, DateOnly? To, string? Interval, string? By, Guid? CompanyId);

/// <summary>
/// Answers and invitations counted together. The response rate is the answers per invitation sent in the same period, so an
/// answer to an invitation sent the period before counts in its own period; it is null when nothing was sent. Scores carry their
/// count: <see cref="Score.Value"/> is null without answers, and <see cref="Score.IsLowCount"/> flags a handful.
/// </summary>
public sealed record FeedbackFigures(int Invited, int Responses, decimal? ResponseRate, Score Nps, Score Csat);

/// <summary>An ISO week (from its Monday) or a calendar month (from its first day), labelled 2026-W05 or 2026-01.</summary>
public sealed record FeedbackPeriod(DateOnly Start, string Label, FeedbackFigures Figures);

/// <summary>One company, reason, carrier or warehouse; Key is the company id, the reason, carrier or warehouse code ("" for none).</summary>
public sealed record FeedbackGroup(string Key, string Name, FeedbackFigures Figures);

/// <summary>
/// NPS and CSAT over the period: in total, per week or month (every one of them, answered or not), per group, and the answers
/// about on-time deliveries beside those about late ones.
/// </summary>
public sealed record FeedbackAnalyticsReport(
    DateOnly From, DateOnly To, string Interval, string By, Guid? CompanyId, FeedbackFigures Total, IReadOnlyList<FeedbackPeriod> Periods,
    IReadOnlyList<FeedbackGroup> Groups, FeedbackFigures OnTime, FeedbackFigures Late);

/// <summary>
/// The feedback figures, summed from the daily scores (<see cref="FeedbackDailyScore"/>) rather than counted from the answers: a
/// period's rows are a few per day and filter, where the answers may be a million. Two queries: per day and punctuality for the
/// series, the total and on-time vs late; per group for the breakdown.
/// </summary>
internal sealed class FeedbackAnalytics(UhrwerkDbContext db, IAccounts accounts, TimeProvider clock)
{
    public const int MaxDays = 732;
    public static readonly IReadOnlyList<string> Intervals = ["week", "month"];
    public static readonly IReadOnlyList<string> Breakdowns = ["company", "reason", "carrier", "warehouse"];

    public async Task<FeedbackAnalyticsReport> ReportAsync(FeedbackAnalyticsFilter filter, CancellationToken ct)
    {
        var interval = string.IsNullOrWhiteSpace(filter.Interval) ? "week" : filter.Interval.Trim().ToLowerInvariant();
        if (!Intervals.Contains(interval))
        {
            throw ValidationFailedException.For("interval", T.Get("FeedbackAnalytics.IntervalUnknown"));
        }

        var by = string.IsNullOrWhiteSpace(filter.By) ? "reason" : filter.By.Trim().ToLowerInvariant();
        if (!Breakdowns.Contains(by))
        {
            throw ValidationFailedException.For("by", T.Get("FeedbackAnalytics.ByUnknown"));
        }

        var (from, to) = Period(filter, interval);
        var company = filter.CompanyId ?? FeedbackDailyScore.AllCompanies;
        var period = db.FeedbackDailyScores.AsNoTracking().Where(d => d.Day >= from && d.Day <= to);
        var scoped = period.Where(d => d.CompanyId == company);
        var days = await SumAsync(scoped.Where(d => d.Reason == FeedbackReasons.None), d => new { d.Day, d.Punctuality }, ct);

        var periods = Starts(from, to, interval)
            .Select(start => new FeedbackPeriod(start, Label(start, interval), Figures(days.Where(d => StartOf(d.Key.Day, interval) == start))))
            .ToList();
        return new FeedbackAnalyticsReport(from, to, interval, by, filter.CompanyId, Figures(days), periods, await GroupsAsync(period, scoped, by, filter.CompanyId, ct),
            Figures(days.Where(d => d.Key.Punctuality == Punctuality.OnTime)), Figures(days.Where(d => d.Key.Punctuality == Punctuality.Late)));
    }

    private (DateOnly From, DateOnly To) Period(FeedbackAnalyticsFilter filter, string interval)
    {
        if (filter.From is { Year: < 2000 or > 2999 } || filter.To is { Year: < 2000 or > 2999 })
        {
            throw ValidationFailedException.For("from", T.Format("FeedbackAnalytics.PeriodInvalid", MaxDays));
        }

        var to = filter.To ?? BerlinTime.DateOf(clock.GetUtcNow());
        var from = filter.From ?? (interval == "week" ? StartOf(to, interval).AddDays(-7 * 11) : StartOf(to, interval).AddMonths(-11));
        if (from > to || to.DayNumber - from.DayNumber >= MaxDays)
        {
            throw ValidationFailedException.For("from", T.Format("FeedbackAnalytics.PeriodInvalid", MaxDays));
        }

        return (from, to);
    }

    private async Task<IReadOnlyList<FeedbackGroup>> GroupsAsync(IQueryable<FeedbackDailyScore> period, IQueryable<FeedbackDailyScore> scoped, string by, Guid? companyId,
        CancellationToken ct)
    {
        var totals = scoped.Where(d => d.Reason == FeedbackReasons.None);
        var groups = by switch
        {
            "company" => Keyed(await SumAsync(companyId is null ? period.Where(d => d.CompanyId != FeedbackDailyScore.AllCompanies && d.Reason == FeedbackReasons.None) : totals,
                d => d.CompanyId, ct), c => c.ToString()),
            "reason" => Keyed(await SumAsync(scoped.Where(d => d.Reason != FeedbackReasons.None), d => d.Reason, ct), r => r.ToString()),
            "carrier" => await SumAsync(totals, d => d.Carrier, ct),
            _ => await SumAsync(totals, d => d.Warehouse, ct),
        };

        var names = by == "company"
            ? await accounts.CompanyNamesAsync(groups.Select(g => Guid.Parse(g.Key)).ToList(), ct)
            : new Dictionary<Guid, string>();
        return groups
            .Select(g => new FeedbackGroup(g.Key, by switch
            {
                "company" => names.GetValueOrDefault(Guid.Parse(g.Key), g.Key),
                "reason" => T.Get($"FeedbackAnalytics.Reason.{g.Key}"),
                _ => g.Key.Length == 0 ? "–" : g.Key,
            }, Figures([g])))
            .OrderBy(g => by == "reason" ? FeedbackReasonList.All.Select(r => r.ToString()).ToList().IndexOf(g.Key) : 0)
            .ThenBy(g => g.Name, StringComparer.CurrentCulture)
            .ToList();
    }

    private static Task<List<Sums<TKey>>> SumAsync<TKey>(IQueryable<FeedbackDailyScore> rows, Expression<Func<FeedbackDailyScore, TKey>> key, CancellationToken ct) =>
        rows.GroupBy(key).Select(g => new Sums<TKey>
        {
            Key = g.Key, Invited = g.Sum(d => d.Invited), Responses = g.Sum(d => d.Responses), Promoters = g.Sum(d => d.Promoters), Detractors = g.Sum(d => d.Detractors),
            CsatAnswers = g.Sum(d => d.CsatAnswers), CsatSatisfied = g.Sum(d => d.CsatSatisfied),
        }).ToListAsync(ct);

    private static List<Sums<string>> Keyed<TKey>(List<Sums<TKey>> sums, Func<TKey, string> key) => sums.Select(s => new Sums<string>
    {
        Key = key(s.Key), Invited = s.Invited, Responses = s.Responses, Promoters = s.Promoters, Detractors = s.Detractors, CsatAnswers = s.CsatAnswers,
        CsatSatisfied = s.CsatSatisfied,
    }).ToList();

    private static FeedbackFigures Figures<TKey>(IEnumerable<Sums<TKey>> sums)
    {
        var (invited, responses, promoters, detractors, csat, satisfied) = (0, 0, 0, 0, 0, 0);
        foreach (var s in sums)
        {
            (invited, responses, promoters, detractors, csat, satisfied) =
                (invited + s.Invited, responses + s.Responses, promoters + s.Promoters, detractors + s.Detractors, csat + s.CsatAnswers, satisfied + s.CsatSatisfied);
        }

        return new FeedbackFigures(invited, responses, invited == 0 ? null : decimal.Round((decimal)responses / invited, 4),
            Scores.Nps(responses, promoters, detractors), Scores.Csat(csat, satisfied));
    }

    private static IEnumerable<DateOnly> Starts(DateOnly from, DateOnly to, string interval)
    {
        for (var start = StartOf(from, interval); start <= to; start = interval == "week" ? start.AddDays(7) : start.AddMonths(1))
        {
            yield return start;
        }
    }

    private static DateOnly StartOf(DateOnly day, string interval) =>
        interval == "week" ? day.AddDays(-(((int)day.DayOfWeek + 6) % 7)) : new DateOnly(day.Year, day.Month, 1);

    private static string Label(DateOnly start, string interval)
    {
        if (interval == "month")
        {
            return start.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        }

        var monday = start.ToDateTime(TimeOnly.MinValue);
        return $"{ISOWeek.GetYear(monday)}-W{ISOWeek.GetWeekOfYear(monday):00}";
    }

    private sealed class Sums<TKey>
    {
        public required TKey Key { get; init; }
        public int Invited { get; init; }
        public int Responses { get; init; }
        public int Promoters { get; init; }
        public int Detractors { get; init; }
        public int CsatAnswers { get; init; }
        public int CsatSatisfied { get; init; }
    }
}
