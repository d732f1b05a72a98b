using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Accounts.DemoData;
using Uhrwerk.Server.Modules.Accounts.Domain;
using Uhrwerk.Server.Modules.Feedback.Analytics;
using Uhrwerk.Server.Modules.Feedback.Domain;
using Uhrwerk.Server.Platform.Auth;

namespace Uhrwerk.Tests.Feedback;

/// <summary>
/// NPS and CSAT as the back office and the customer's controller read them: summed from the daily scores that every saved answer
/// updates, per Berlin week and month, per reason, carrier and warehouse, on-time beside late, each company its own. Each spec
/// answers in a period of its own, so they share the database without counting each other's answers.
/// </summary>
public abstract class FeedbackAnalyticsSpec(UhrwerkFactory factory) : IntegrationTest(factory)
{
    private sealed record Answer(DateTimeOffset At, int Nps, int? Csat, FeedbackReasons Reasons, string? Carrier, string? Warehouse, bool? OnTime);

    private static DateTimeOffset Utc(int year, int month, int day, int hour = 10, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    /// <summary>Invites (sent at <paramref name="sentAt"/>) and answers through the domain; the save counts both into the daily scores.</summary>
    private Task<Guid> InviteAsync(Guid companyId, DateTimeOffset sentAt, Answer? answer = null, string? carrier = null, string? warehouse = null, bool? onTime = null) =>
        InScopeAsync(async db =>
        {
            var delivery = new DeliveryFacts(Guid.NewGuid(), "A-" + Guid.NewGuid().ToString("N")[..8], Guid.NewGuid(), answer?.Carrier ?? carrier, answer?.Warehouse ?? warehouse,
                answer?.OnTime ?? onTime);
            var invitation = SurveyInvitation.ForDelivery(companyId, Guid.NewGuid(), delivery, sentAt, TimeSpan.FromDays(14), sentAt.AddMinutes(-5));
            invitation.MarkSent(sentAt);
            db.SurveyInvitations.Add(invitation);
            if (answer is not null)
            {
                db.SurveyResponses.Add(invitation.Answer(answer.Nps, answer.Csat, answer.Reasons, null, answer.At));
            }

            await db.SaveChangesAsync();
            return invitation.Id;
        });

    private async Task AnswerAllAsync(Guid companyId, params Answer[] answers)
    {
        foreach (var answer in answers)
        {
            await InviteAsync(companyId, answer.At.AddHours(-1), answer);
        }
    }

    private Task<HttpClient> StaffAsync() => SignInAsync(DemoLogins.Staff.Single(s => s.Role == StaffRole.Admin).Email);

    private static void Figures(JsonElement figures, int invited, int responses, double? nps, int csatAnswers, double? csat)
    {
        Assert.Equal((invited, responses), (figures.GetProperty("invited").GetInt32(), figures.GetProperty("responses").GetInt32()));
        Assert.Equal(responses, figures.GetProperty("nps").GetProperty("responses").GetInt32());
        Close(nps, figures.GetProperty("nps"));
        Assert.Equal(csatAnswers, figures.GetProperty("csat").GetProperty("responses").GetInt32());
        Close(csat, figures.GetProperty("csat"));
    }

    /// <summary>No answers give no figure (null), never 0; a figure is compared to two decimals.</summary>
    private static void Close(double? expected, JsonElement score)
    {
        var value = score.GetProperty("value");
        if (expected is null)
        {
            Assert.Equal(JsonValueKind.Null, value.ValueKind);
        }
        else
        {
            Assert.Equal(expected.Value, value.GetDouble(), 2);
        }
    }

    private static string[] Keys(JsonElement report, string list, string property) =>
        report.GetProperty(list).EnumerateArray().Select(g => g.GetProperty(property).GetString()!).ToArray();

    private static JsonElement Group(JsonElement report, string key) =>
        report.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("key").GetString() == key);

    /// <summary>
    /// January 2021: four Berlin weeks. Week 1 has two promoters, a detractor and another promoter; an answer given at 00:30 Berlin time on
    /// Monday 11 January (23:30 UTC on Sunday) belongs to week 2, where it and another passive make an NPS of 0 (not "no figure"); week 3
    /// has two invitations and no answer ("–"); week 4 one detractor. Late deliveries (UPS) bring the detractors.
    /// </summary>
    private async Task<Guid> JanuaryAsync()
    {
        var companyA = await CompanyIdAsync(CompanyA);
        // The specs of a class run one after another on one database: January is answered once.
        if (await InScopeAsync(db => db.SurveyResponses.AnyAsync(r => r.RespondedAt >= Utc(2021, 1, 1) && r.RespondedAt < Utc(2021, 2, 1))))
        {
            return companyA;
        }

        await AnswerAllAsync(companyA,
            new Answer(Utc(2021, 1, 5), 10, 5, FeedbackReasons.None, "DHL", "NORD", true),
            new Answer(Utc(2021, 1, 6), 9, 4, FeedbackReasons.Communication, "DHL", "NORD", true),
            new Answer(Utc(2021, 1, 7), 3, 1, FeedbackReasons.Punctuality | FeedbackReasons.Condition, "UPS", "SUED", false),
            new Answer(Utc(2021, 1, 8), 10, 5, FeedbackReasons.None, "DHL", "NORD", true),
            new Answer(Utc(2021, 1, 10, 23, 30), 7, null, FeedbackReasons.Punctuality, "UPS", "SUED", false),
            new Answer(Utc(2021, 1, 12), 8, 3, FeedbackReasons.None, "DHL", "NORD", true),
            new Answer(Utc(2021, 1, 28), 0, 2, FeedbackReasons.Punctuality, "UPS", "NORD", false));
        await InviteAsync(companyA, Utc(2021, 1, 19), carrier: "DHL", warehouse: "NORD", onTime: true);
        await InviteAsync(companyA, Utc(2021, 1, 20), carrier: "DHL", warehouse: "NORD", onTime: true);
        return companyA;
    }

    [Fact]
    public async Task Nps_and_csat_per_Berlin_week_count_promoters_and_detractors_flag_low_counts_and_give_no_figure_for_a_week_without_answers()
    {
        await JanuaryAsync();
        var staff = await StaffAsync();

        var report = await JsonAsync(staff.GetAsync("/api/v1/backoffice/feedback/analytics?from=2021-01-04&to=2021-01-31&interval=week&by=carrier"), HttpStatusCode.OK);

        var weeks = report.GetProperty("periods").EnumerateArray().ToList();
        Assert.Equal(["2021-W01", "2021-W02", "2021-W03", "2021-W04"], Keys(report, "periods", "label"));
        Figures(weeks[0].GetProperty("figures"), invited: 5, responses: 4, nps: 50, csatAnswers: 4, csat: 75);
        Figures(weeks[1].GetProperty("figures"), invited: 1, responses: 2, nps: 0, csatAnswers: 1, csat: 0);
        Figures(weeks[2].GetProperty("figures"), invited: 2, responses: 0, nps: null, csatAnswers: 0, csat: null);
        Figures(weeks[3].GetProperty("figures"), invited: 1, responses: 1, nps: -100, csatAnswers: 1, csat: 0);
        Assert.Equal(0m, weeks[2].GetProperty("figures").GetProperty("responseRate").GetDecimal());
        Assert.True(weeks[0].GetProperty("figures").GetProperty("nps").GetProperty("isLowCount").GetBoolean());

        var total = report.GetProperty("total");
        Figures(total, invited: 9, responses: 7, nps: 100.0 / 7, csatAnswers: 6, csat: 50);
        Assert.Equal(0.7778m, total.GetProperty("responseRate").GetDecimal());
        Figures(Group(report, "DHL").GetProperty("figures"), invited: 6, responses: 4, nps: 75, csatAnswers: 4, csat: 75);
        Figures(Group(report, "UPS").GetProperty("figures"), invited: 3, responses: 3, nps: -200.0 / 3, csatAnswers: 2, csat: 0);
        // Does lateness drive detractors? Side by side: the on-time deliveries' answers against the late ones'.
        Figures(report.GetProperty("onTime"), invited: 6, responses: 4, nps: 75, csatAnswers: 4, csat: 75);
        Figures(report.GetProperty("late"), invited: 3, responses: 3, nps: -200.0 / 3, csatAnswers: 2, csat: 0);

        // The same per month: January alone, the whole total.
        var months = await JsonAsync(staff.GetAsync("/api/v1/backoffice/feedback/analytics?from=2021-01-04&to=2021-01-31&interval=month"), HttpStatusCode.OK);
        var january = Assert.Single(months.GetProperty("periods").EnumerateArray());
        Assert.Equal("2021-01", january.GetProperty("label").GetString());
        Figures(january.GetProperty("figures"), invited: 9, responses: 7, nps: 100.0 / 7, csatAnswers: 6, csat: 50);
    }

    [Fact]
    public async Task Answers_are_counted_once_per_reason_they_name_and_per_warehouse_and_company()
    {
        var companyA = await JanuaryAsync();
        var staff = await StaffAsync();
        const string january = "from=2021-01-04&to=2021-01-31";

        var reasons = await JsonAsync(staff.GetAsync($"/api/v1/backoffice/feedback/analytics?{january}&by=reason"), HttpStatusCode.OK);
        Assert.Equal(["Punctuality", "Condition", "Communication"], Keys(reasons, "groups", "key"));
        Figures(Group(reasons, "Punctuality").GetProperty("figures"), invited: 0, responses: 3, nps: -200.0 / 3, csatAnswers: 2, csat: 0);
        Figures(Group(reasons, "Condition").GetProperty("figures"), invited: 0, responses: 1, nps: -100, csatAnswers: 1, csat: 0);
        Figures(Group(reasons, "Communication").GetProperty("figures"), invited: 0, responses: 1, nps: 100, csatAnswers: 1, csat: 100);
        Assert.Equal("Pünktlichkeit", Group(reasons, "Punctuality").GetProperty("name").GetString());

        var warehouses = await JsonAsync(staff.GetAsync($"/api/v1/backoffice/feedback/analytics?{january}&by=warehouse"), HttpStatusCode.OK);
        Figures(Group(warehouses, "NORD").GetProperty("figures"), invited: 7, responses: 5, nps: 40, csatAnswers: 5, csat: 60);
        Figures(Group(warehouses, "SUED").GetProperty("figures"), invited: 2, responses: 2, nps: -50, csatAnswers: 1, csat: 0);

        var companies = await JsonAsync(staff.GetAsync($"/api/v1/backoffice/feedback/analytics?{january}&by=company"), HttpStatusCode.OK);
        var a = Assert.Single(companies.GetProperty("groups").EnumerateArray());
        Assert.Equal((companyA.ToString(), CompanyA.Name), (a.GetProperty("key").GetString(), a.GetProperty("name").GetString()));
        Figures(a.GetProperty("figures"), invited: 9, responses: 7, nps: 100.0 / 7, csatAnswers: 6, csat: 50);
    }

    [Fact]
    public async Task The_pages_draw_the_charts_on_the_server_and_show_a_week_without_answers_and_a_handful_of_answers_as_such()
    {
        await JanuaryAsync();
        foreach (var (email, path) in new[]
                 {
                     (DemoLogins.Staff.Single(s => s.Role == StaffRole.Logistics).Email, "/backoffice/feedback/analytics"),
                     (UserOf(CompanyA, PredefinedRole.Controller), "/feedback/analytics"),
                 })
        {
            var page = await (await SignInWithCookieAsync(email)).GetStringAsync($"{path}?from=2021-01-04&to=2021-01-31&interval=week&by=reason");

            Assert.Matches("<figure id=\"feedback-trend\"[^>]*><svg", page);
            Assert.Matches("<figure id=\"feedback-punctuality\"[^>]*><svg", page);
            string Row(string period) => Regex.Match(page, $"<tr data-period=\"{period}\">(.*?)</tr>", RegexOptions.Singleline) is { Success: true } row
                ? Regex.Replace(row.Groups[1].Value, @"\s+", " ")
                : throw new Xunit.Sdk.XunitException($"No row {period} on {path}: {page}");
            // Invitations but no answer: no figure, not 0; four answers: a figure marked as resting on few answers.
            var (empty, few) = (Row("2021-W03"), Row("2021-W01"));
            Assert.True(Regex.IsMatch(empty, "<td class=\"num invited\">2</td> ?<td class=\"num responses\">0</td>.*<td class=\"num nps\">(–|&#x2013;) ?</td>"), empty);
            Assert.True(Regex.IsMatch(few, "<td class=\"num nps\">50 ?<small class=\"low-count\""), few);
        }
    }

    [Fact]
    public async Task A_customer_controller_sees_only_their_own_company_whatever_company_they_ask_for()
    {
        var (companyA, companyB) = (await CompanyIdAsync(CompanyA), await CompanyIdAsync(CompanyB));
        await AnswerAllAsync(companyA, new Answer(Utc(2022, 3, 2), 10, 5, FeedbackReasons.None, "DHL", "NORD", true), new Answer(Utc(2022, 3, 3), 9, 5, FeedbackReasons.None, "DHL", "NORD", true));
        await AnswerAllAsync(companyB, new Answer(Utc(2022, 3, 4), 0, 1, FeedbackReasons.Product, "DHL", "NORD", false));
        const string march = "from=2022-03-01&to=2022-03-31";

        var controllerA = await SignInAsync(UserOf(CompanyA, PredefinedRole.Controller));
        Figures((await JsonAsync(controllerA.GetAsync($"/api/v1/feedback/analytics?{march}"), HttpStatusCode.OK)).GetProperty("total"), 2, 2, 100, 2, 100);
        var asked = await JsonAsync(controllerA.GetAsync($"/api/v1/feedback/analytics?{march}&companyId={companyB}&by=company"), HttpStatusCode.OK);
        Figures(asked.GetProperty("total"), 2, 2, 100, 2, 100);
        Assert.Equal([companyA.ToString()], Keys(asked, "groups", "key"));
        var csvOfA = await controllerA.GetStringAsync($"/api/v1/feedback/analytics.csv?{march}&by=company");
        Assert.DoesNotContain(companyB.ToString(), csvOfA, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(CompanyB.Name, csvOfA);

        var controllerB = await SignInAsync(UserOf(CompanyB, PredefinedRole.Controller));
        Figures((await JsonAsync(controllerB.GetAsync($"/api/v1/feedback/analytics?{march}&companyId={companyA}"), HttpStatusCode.OK)).GetProperty("total"), 1, 1, -100, 1, 0);

        var staff = await StaffAsync();
        Figures((await JsonAsync(staff.GetAsync($"/api/v1/backoffice/feedback/analytics?{march}"), HttpStatusCode.OK)).GetProperty("total"), 3, 3, 100.0 / 3, 3, 200.0 / 3);
        Figures((await JsonAsync(staff.GetAsync($"/api/v1/backoffice/feedback/analytics?{march}&companyId={companyB}"), HttpStatusCode.OK)).GetProperty("total"), 1, 1, -100, 1, 0);
    }

    [Fact]
    public async Task The_daily_scores_equal_a_recount_of_the_answers_after_many_answer_at_once()
    {
        var companyA = await CompanyIdAsync(CompanyA);
        var sentAt = Utc(2023, 5, 2, 8);
        var invitations = new List<Guid>();
        for (var i = 0; i < 24; i++)
        {
            invitations.Add(await InviteAsync(companyA, sentAt, carrier: i % 2 == 0 ? "DHL" : "UPS", warehouse: "NORD", onTime: i % 3 != 0));
        }

        // Everyone answers at once, each in a context of their own, as they would on several instances: all hit the same few rows.
        await Task.WhenAll(invitations.Select((id, i) => Task.Run(() => InScopeAsync(async db =>
        {
            var invitation = await db.SurveyInvitations.SingleAsync(x => x.Id == id);
            db.SurveyResponses.Add(invitation.Answer(i % 11, i % 5 + 1, i % 2 == 0 ? FeedbackReasons.Punctuality : FeedbackReasons.Service | FeedbackReasons.Other, null, sentAt.AddHours(2)));
            return await db.SaveChangesAsync();
        }))));

        var day = new DateOnly(2023, 5, 2);
        var answers = await InScopeAsync(db => db.SurveyResponses.Where(r => invitations.Contains(r.InvitationId)).ToListAsync());
        Assert.Equal(24, answers.Count);
        var rows = await InScopeAsync(db => db.FeedbackDailyScores.Where(d => d.Day == day).ToListAsync());
        foreach (var company in new[] { companyA, FeedbackDailyScore.AllCompanies })
        {
            var expected = answers
                .SelectMany(r => FeedbackReasonList.Of(r.Reasons).Prepend(FeedbackReasons.None).Select(reason => (r, reason)))
                .GroupBy(x => (x.r.Carrier, Punctuality: FeedbackRollup.PunctualityOf(x.r.OnTime), x.reason))
                .ToDictionary(g => g.Key, g => (Invited: g.Key.reason == FeedbackReasons.None ? g.Count() : 0, Responses: g.Count(), Promoters: g.Count(x => x.r.IsPromoter),
                    Detractors: g.Count(x => x.r.IsDetractor), Csat: g.Count(x => x.r.Csat is not null), Satisfied: g.Count(x => x.r.Csat >= 4)));
            var counted = rows.Where(d => d.CompanyId == company)
                .ToDictionary(d => ((string?)d.Carrier, d.Punctuality, d.Reason), d => (d.Invited, d.Responses, d.Promoters, d.Detractors, d.CsatAnswers, d.CsatSatisfied));
            Assert.Equal(expected.OrderBy(e => e.Key.ToString()).ToList(), counted.OrderBy(e => e.Key.ToString()).ToList());
        }
    }

    [Fact]
    public async Task The_CSV_export_neutralises_what_a_spreadsheet_would_run_as_a_formula()
    {
        var companyA = await CompanyIdAsync(CompanyA);
        await AnswerAllAsync(companyA, new Answer(Utc(2024, 2, 6), 2, 1, FeedbackReasons.None, "=HYPERLINK(\"http://evil.example\",\"x\")", "@SUM(A1)", false));
        var staff = await StaffAsync();

        foreach (var by in new[] { "carrier", "warehouse" })
        {
            var response = await staff.GetAsync($"/api/v1/backoffice/feedback/analytics.csv?from=2024-02-01&to=2024-02-29&interval=month&by={by}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
            var cells = new List<string>();
            using (var csv = new CsvReader(new StringReader((await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF')), CultureInfo.InvariantCulture))
            {
                while (await csv.ReadAsync())
                {
                    cells.AddRange(csv.Parser.Record!);
                }
            }


            Assert.Contains(cells, c => c.StartsWith("'=HYPERLINK", StringComparison.Ordinal) || c.StartsWith("'@SUM(A1)", StringComparison.Ordinal));
            Assert.DoesNotContain(cells, c => c.Length > 0 && "=+@\t".Contains(c[0]));
            Assert.Contains("'-100", cells);
        }
    }

    [Theory]
    [InlineData("interval=day", "interval")]
    [InlineData("by=user", "by")]
    [InlineData("from=2021-02-01&to=2021-01-01", "from")]
    [InlineData("from=2019-01-01&to=2021-01-31", "from")]
    public async Task A_period_or_breakdown_it_does_not_know_is_refused_with_the_field(string query, string field)
    {
        var controller = await SignInAsync(UserOf(CompanyA, PredefinedRole.Controller));

        var problem = await ProblemOf(await controller.GetAsync($"/api/v1/feedback/analytics?{query}"), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }
}

public sealed class FeedbackAnalyticsOnSqlite(SqliteFactory f) : FeedbackAnalyticsSpec(f), IClassFixture<SqliteFactory>;

public sealed class FeedbackAnalyticsOnPostgres(PostgresFactory f) : FeedbackAnalyticsSpec(f), IClassFixture<PostgresFactory>;
