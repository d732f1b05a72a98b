using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Uhrwerk.Server.Modules.Feedback.Domain;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Csv;

namespace Uhrwerk.Server.Modules.Feedback.Analytics;

internal static class AnalyticsEndpoints
{
    private const string Summary = "NPS, CSAT and response rate of the answers given in the period (default: the last 12 weeks or months), per ISO week (Europe/Berlin) "
        + "or month, per company, reason, carrier or warehouse, and on-time beside late deliveries";

    public static void Map(RouteGroupBuilder feedback)
    {
        feedback.MapGet("/backoffice/feedback/analytics", AcrossCompanies).RequirePermission(Permission.ViewInventory).WithSummary(Summary + ", across companies or of one");
        feedback.MapGet("/backoffice/feedback/analytics.csv", AcrossCompaniesCsv).RequirePermission(Permission.ViewInventory)
            .Produces<Stream>(StatusCodes.Status200OK, "text/csv").WithSummary("The same as CSV, spreadsheet formulas neutralised");
        feedback.MapGet("/feedback/analytics", OwnCompany).RequirePermission(Permission.ViewReports).WithSummary(Summary + ", of my company");
        feedback.MapGet("/feedback/analytics.csv", OwnCompanyCsv).RequirePermission(Permission.ViewReports)
            .Produces<Stream>(StatusCodes.Status200OK, "text/csv").WithSummary("The same as CSV, spreadsheet formulas neutralised");
    }

    private static async Task<Ok<FeedbackAnalyticsReport>> AcrossCompanies(FeedbackAnalytics analytics, DateOnly? from, DateOnly? to, string? interval, string? by,
        Guid? companyId, CancellationToken ct) =>
        TypedResults.Ok(await analytics.ReportAsync(new FeedbackAnalyticsFilter(from, to, interval, by, companyId), ct));

    private static async Task<FileContentHttpResult> AcrossCompaniesCsv(FeedbackAnalytics analytics, DateOnly? from, DateOnly? to, string? interval, string? by,
        Guid? companyId, CancellationToken ct) =>
        Csv(await analytics.ReportAsync(new FeedbackAnalyticsFilter(from, to, interval, by, companyId), ct));

    private static async Task<Ok<FeedbackAnalyticsReport>> OwnCompany(FeedbackAnalytics analytics, CurrentUser me, DateOnly? from, DateOnly? to, string? interval,
        string? by, CancellationToken ct) =>
        TypedResults.Ok(await analytics.ReportAsync(new FeedbackAnalyticsFilter(from, to, interval, by, me.RequiredCompanyId), ct));

    private static async Task<FileContentHttpResult> OwnCompanyCsv(FeedbackAnalytics analytics, CurrentUser me, DateOnly? from, DateOnly? to, string? interval,
        string? by, CancellationToken ct) =>
        Csv(await analytics.ReportAsync(new FeedbackAnalyticsFilter(from, to, interval, by, me.RequiredCompanyId), ct));

    /// <summary>One line per period, per group, the total and on-time vs late; a score without answers is "–", never 0.</summary>
    private static FileContentHttpResult Csv(FeedbackAnalyticsReport report)
    {
        IReadOnlyList<string> Line(string section, string key, string name, FeedbackFigures f) =>
        [
            section, key, name, Number(f.Invited), Number(f.Responses), f.ResponseRate is { } rate ? rate.ToString("0.####", CultureInfo.InvariantCulture) : "–",
            Value(f.Nps), Number(f.Nps.Responses), Flag(f.Nps), Value(f.Csat), Number(f.Csat.Responses), Flag(f.Csat),
        ];

        var lines = report.Periods.Select(p => Line(report.Interval, p.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), p.Label, p.Figures))
            .Concat(report.Groups.Select(g => Line(report.By, g.Key, g.Name, g.Figures)))
            .Append(Line("punctuality", "on-time", "on-time", report.OnTime))
            .Append(Line("punctuality", "late", "late", report.Late))
            .Append(Line("total", "", $"{report.From:yyyy-MM-dd}..{report.To:yyyy-MM-dd}", report.Total));
        var csv = CsvExport.Write(
            ["section", "key", "name", "invited", "responses", "response_rate", "nps", "nps_responses", "nps_low_count", "csat", "csat_responses", "csat_low_count"], lines);
        return TypedResults.File(csv, "text/csv; charset=utf-8", $"feedback-{report.From:yyyy-MM-dd}-{report.To:yyyy-MM-dd}.csv");
    }

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Value(Score score) => score.Value is { } v ? v.ToString("0.#", CultureInfo.InvariantCulture) : "–";

    private static string Flag(Score score) => score.IsLowCount ? "yes" : "no";
}
