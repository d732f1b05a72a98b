using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Uhrwerk.Server.Modules.Accounts.DemoData;
using Uhrwerk.Server.Modules.Accounts.Domain;
using Uhrwerk.Server.Modules.Feedback.Domain;
using Uhrwerk.Server.Modules.Feedback.Escalation;
using Uhrwerk.Server.Modules.Feedback.Events;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Localization;

namespace Uhrwerk.Tests.Feedback;

/// <summary>
/// A poor answer opens one case, routed by the rules to a team or a partner; the customer is told who answers by when; a partner
/// sees only their cases; a case past its due time is escalated once; resolving it starts the follow-up.
/// </summary>
public abstract class CaseSpec(UhrwerkFactory factory) : IntegrationTest(factory)
{
    private const string Admin = "admin@uhrwerk.example";
    private const string Service = "service@uhrwerk.example";

    /// <summary>
    /// The customer answers a survey, as the survey page does it: a real invitation and response in the database and the
    /// SurveyAnswered event in the same commit; then the case handler runs (<paramref name="deliveries"/> times, as a repeated event would).
    /// </summary>
    private async Task<Guid> AnswerAsync(DemoLogins.DemoCompany company, int nps, int? csat = null, FeedbackReasons reasons = FeedbackReasons.None, string? comment = null,
        int deliveries = 1)
    {
        var companyId = await CompanyIdAsync(company);
        var userId = await UserIdAsync(UserOf(company, PredefinedRole.Buyer));
        var now = Factory.Clock.GetUtcNow();
        var responseId = await InScopeAsync(async db =>
        {
            var invitation = SurveyInvitation.ForRelationship(companyId, userId, "T" + Guid.NewGuid().ToString("N")[..8], now, TimeSpan.FromDays(14), now);
            var response = invitation.Answer(nps, csat, reasons, comment, now);
            db.SurveyInvitations.Add(invitation);
            db.SurveyResponses.Add(response);
            for (var i = 0; i < deliveries; i++)
            {
                db.Publish(SurveyAnswered.Of(response), companyId, response.Id);
            }

            await db.SaveChangesAsync();
            return response.Id;
        });
        await HandleAsync("feedback-cases");
        return responseId;
    }

    private async Task FollowUpAsync(DemoLogins.DemoCompany company, Guid caseId, bool solved)
    {
        var companyId = await CompanyIdAsync(company);
        var userId = await UserIdAsync(UserOf(company, PredefinedRole.Buyer));
        var now = Factory.Clock.GetUtcNow();
        await InScopeAsync(async db =>
        {
            var invitation = SurveyInvitation.FollowUp(companyId, userId, caseId, now, TimeSpan.FromDays(14), now);
            var response = invitation.AnswerFollowUp(solved, null, now);
            db.SurveyInvitations.Add(invitation);
            db.SurveyResponses.Add(response);
            db.Publish(SurveyAnswered.Of(response), companyId, response.Id);
            return await db.SaveChangesAsync();
        });
        await HandleAsync("feedback-cases");
    }

    private async Task HandleAsync(string handler)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.HandleAllAsync(handler);
    }

    private async Task<JsonElement[]> CasesAsync(HttpClient client, string list = "/api/v1/backoffice/feedback/cases", string query = "") =>
        (await JsonAsync(client.GetAsync($"{list}?pageSize=100{query}"), HttpStatusCode.OK)).GetProperty("items").EnumerateArray().ToArray();

    /// <summary>The cases of this response as staff see them: none or one.</summary>
    private async Task<JsonElement[]> CasesOfAsync(Guid responseId) =>
        (await CasesAsync(await SignInAsync(Service))).Where(c => c.GetProperty("responseId").GetGuid() == responseId).ToArray();

    private async Task<JsonElement> CaseOfAsync(Guid responseId) => Assert.Single(await CasesOfAsync(responseId));

    private async Task NoRulesAsync(HttpClient staff)
    {
        foreach (var rule in (await JsonAsync(staff.GetAsync("/api/v1/backoffice/feedback/routing-rules"), HttpStatusCode.OK)).EnumerateArray())
        {
            await NoContentAsync(staff.DeleteAsync($"/api/v1/backoffice/feedback/routing-rules/{rule.GetProperty("id").GetGuid()}"));
        }
    }

    private static async Task<Guid> PartnerAsync(HttpClient staff, string name) =>
        (await JsonAsync(staff.PostAsJsonAsync("/api/v1/backoffice/feedback/partners", new { name = name + " " + Guid.NewGuid().ToString("N")[..6] }), HttpStatusCode.Created))
        .GetProperty("id").GetGuid();

    private static Task RuleAsync(HttpClient staff, object rule) =>
        JsonAsync(staff.PostAsJsonAsync("/api/v1/backoffice/feedback/routing-rules", rule), HttpStatusCode.Created);

    /// <summary>A portal user of the partner, invited by staff, who set their password from the e-mail's link.</summary>
    private async Task<HttpClient> PartnerUserAsync(HttpClient staff, Guid partnerId, string name)
    {
        var email = $"{name.ToLowerInvariant()}-{Guid.NewGuid():N}@partner.example";
        await JsonAsync(staff.PostAsJsonAsync($"/api/v1/backoffice/feedback/partners/{partnerId}/users", new { displayName = name, email, language = "de" }), HttpStatusCode.OK);
        return await AcceptInvitationAsync(email);
    }

    /// <summary>What the notifications engine rendered for a situation to an address, after the events were handed to it.</summary>
    private async Task<List<Uhrwerk.Server.Modules.Notifications.Domain.Delivery>> DeliveriesAsync(string situation, string recipient)
    {
        await HandleAsync("notifications");
        return await InScopeAsync(db => db.Deliveries.AsNoTracking().Where(d => d.Situation == situation && d.Recipient == recipient).ToListAsync());
    }

    private static string Local(DateTimeOffset instant) => BerlinTime.ToLocal(instant).ToString("g", System.Globalization.CultureInfo.GetCultureInfo("de-DE"));

    [Fact]
    public async Task A_detractor_answer_opens_one_case_for_customer_service_and_the_customer_is_told_who_answers_by_when()
    {
        var staff = await SignInAsync(Admin);
        await NoRulesAsync(staff);
        var responseId = await AnswerAsync(CompanyA, nps: 3, reasons: FeedbackReasons.Product, comment: "Passt nicht", deliveries: 2);

        var opened = await CaseOfAsync(responseId);
        Assert.Equal("CustomerService", opened.GetProperty("ownerTeam").GetString());
        Assert.Equal("Open", opened.GetProperty("status").GetString());
        Assert.Equal("Detractor", opened.GetProperty("origin").GetString());
        var due = opened.GetProperty("responseDueAt").GetDateTimeOffset();
        Assert.True(due > Factory.Clock.GetUtcNow(), $"due {due}");

        var told = Assert.Single(await DeliveriesAsync("case.acknowledged", UserOf(CompanyA, PredefinedRole.Buyer)),
            d => d.TextBody.Contains(opened.GetProperty("number").GetString()!, StringComparison.Ordinal));
        Assert.Contains("unser Kundenservice", told.TextBody, StringComparison.Ordinal);
        Assert.Contains(Local(due), told.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_passive_answer_opens_no_case_but_a_csat_of_two_does()
    {
        Assert.Empty(await CasesOfAsync(await AnswerAsync(CompanyA, nps: 8, csat: 4)));
        Assert.Equal("Dissatisfied", (await CaseOfAsync(await AnswerAsync(CompanyA, nps: 8, csat: 2))).GetProperty("origin").GetString());
    }

    [Fact]
    public async Task Rules_route_by_company_region_and_reason_and_the_first_by_priority_wins()
    {
        var staff = await SignInAsync(Admin);
        await NoRulesAsync(staff);
        var dealer = await PartnerAsync(staff, "Autohaus Süd");
        var regional = await PartnerAsync(staff, "Service Nord");
        await RuleAsync(staff, new { name = "Punctuality", priority = 20, reasons = new[] { "Punctuality" }, team = "Logistics" });
        await RuleAsync(staff, new { name = "Company A", priority = 10, companyId = await CompanyIdAsync(CompanyA), partnerId = dealer });
        await RuleAsync(staff, new { name = "Region of B", priority = 30, country = "DE", postalCodePrefixes = new[] { CompanyB.PostalCode[..2] }, partnerId = regional });
        try
        {
            var ofA = await CaseOfAsync(await AnswerAsync(CompanyA, nps: 2, reasons: FeedbackReasons.Punctuality));
            var lateB = await CaseOfAsync(await AnswerAsync(CompanyB, nps: 2, reasons: FeedbackReasons.Punctuality));
            var otherB = await CaseOfAsync(await AnswerAsync(CompanyB, nps: 2, reasons: FeedbackReasons.Condition));

            Assert.Equal(dealer, ofA.GetProperty("ownerPartnerId").GetGuid());
            Assert.Equal("Logistics", lateB.GetProperty("ownerTeam").GetString());
            Assert.Equal(regional, otherB.GetProperty("ownerPartnerId").GetGuid());
            var told = Assert.Single(await DeliveriesAsync("case.acknowledged", UserOf(CompanyA, PredefinedRole.Buyer)),
                d => d.TextBody.Contains(ofA.GetProperty("number").GetString()!, StringComparison.Ordinal));
            Assert.Contains(ofA.GetProperty("ownerPartnerName").GetString()!, told.TextBody, StringComparison.Ordinal);
            Assert.Contains(Local(ofA.GetProperty("responseDueAt").GetDateTimeOffset()), told.TextBody, StringComparison.Ordinal);
        }
        finally
        {
            await NoRulesAsync(staff);
        }
    }

    [Fact]
    public async Task A_partner_user_sees_and_answers_only_their_partners_cases()
    {
        var staff = await SignInAsync(Admin);
        await NoRulesAsync(staff);
        var mine = await PartnerAsync(staff, "Händler Eins");
        var other = await PartnerAsync(staff, "Händler Zwei");
        await RuleAsync(staff, new { name = "A to one", priority = 1, companyId = await CompanyIdAsync(CompanyA), reasons = new[] { "Condition" }, partnerId = mine });
        await RuleAsync(staff, new { name = "B to two", priority = 1, companyId = await CompanyIdAsync(CompanyB), partnerId = other });
        try
        {
            var ofMine = await CaseOfAsync(await AnswerAsync(CompanyA, nps: 1, reasons: FeedbackReasons.Condition, comment: "Kratzer am Gehäuse"));
            var ofOther = await CaseOfAsync(await AnswerAsync(CompanyB, nps: 1, comment: "Zu spät"));
            var unrouted = await CaseOfAsync(await AnswerAsync(CompanyA, nps: 8, csat: 1));
            var partner = await PartnerUserAsync(staff, mine, "Paula");

            var seen = await CasesAsync(partner, "/api/v1/partner/cases");
            Assert.Contains(seen, c => c.GetProperty("id").GetGuid() == ofMine.GetProperty("id").GetGuid());
            Assert.All(seen, c => Assert.Equal(mine, c.GetProperty("ownerPartnerId").GetGuid()));
            Assert.DoesNotContain(seen, c => c.GetProperty("id").GetGuid() == unrouted.GetProperty("id").GetGuid());
            var otherId = ofOther.GetProperty("id").GetGuid();
            await ProblemOf(await partner.GetAsync($"/api/v1/partner/cases/{otherId}"), HttpStatusCode.NotFound);
            await ProblemOf(await partner.PostAsync($"/api/v1/partner/cases/{otherId}/acknowledge", null), HttpStatusCode.NotFound);
            await ProblemOf(await partner.PostAsJsonAsync($"/api/v1/partner/cases/{otherId}/notes", new { text = "probe", visibleToCustomer = true }), HttpStatusCode.NotFound);
            Assert.Equal(HttpStatusCode.Forbidden, (await partner.GetAsync("/api/v1/backoffice/feedback/cases")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await partner.GetAsync("/api/v1/orders")).StatusCode);

            var id = ofMine.GetProperty("id").GetGuid();
            var detail = await JsonAsync(partner.GetAsync($"/api/v1/partner/cases/{id}"), HttpStatusCode.OK);
            Assert.DoesNotContain(UserOf(CompanyA, PredefinedRole.Buyer), detail.GetRawText(), StringComparison.OrdinalIgnoreCase);
            await JsonAsync(partner.PostAsync($"/api/v1/partner/cases/{id}/acknowledge", null), HttpStatusCode.OK);
            var answered = await JsonAsync(partner.PostAsJsonAsync($"/api/v1/partner/cases/{id}/notes", new { text = "Wir tauschen das Gerät.", visibleToCustomer = true }),
                HttpStatusCode.OK);
            Assert.Equal("InProgress", answered.GetProperty("case").GetProperty("status").GetString());
            Assert.Single(await DeliveriesAsync("case.answered", UserOf(CompanyA, PredefinedRole.Buyer)),
                d => d.TextBody.Contains("Wir tauschen das Gerät.", StringComparison.Ordinal));
        }
        finally
        {
            await NoRulesAsync(staff);
        }
    }

    [Fact]
    public async Task Resolving_publishes_CaseResolved_and_a_partner_cannot_close_a_case_the_customer_said_is_not_solved()
    {
        var staff = await SignInAsync(Admin);
        await NoRulesAsync(staff);
        var dealer = await PartnerAsync(staff, "Händler Drei");
        await RuleAsync(staff, new { name = "A to three", priority = 1, companyId = await CompanyIdAsync(CompanyA), partnerId = dealer });
        JsonElement opened;
        try
        {
            opened = await CaseOfAsync(await AnswerAsync(CompanyA, nps: 0));
        }
        finally
        {
            await NoRulesAsync(staff);
        }

        var id = opened.GetProperty("id").GetGuid();
        var partner = await PartnerUserAsync(staff, dealer, "Rudi");
        await JsonAsync(partner.PostAsJsonAsync($"/api/v1/partner/cases/{id}/resolve", new { resolution = "Ersatz geliefert" }), HttpStatusCode.OK);
        var resolved = await InScopeAsync(db => db.Outbox.AsNoTracking().Where(m => m.Type == "CaseResolved" && m.AggregateId == id).ToListAsync());
        Assert.Equal(id, JsonDocument.Parse(Assert.Single(resolved).Payload).RootElement.GetProperty("caseId").GetGuid());
        Assert.Single(await DeliveriesAsync("case.resolved", UserOf(CompanyA, PredefinedRole.Buyer)), d => d.TextBody.Contains("Ersatz geliefert", StringComparison.Ordinal));

        await FollowUpAsync(CompanyA, id, solved: false);
        var reopened = await JsonAsync(partner.GetAsync($"/api/v1/partner/cases/{id}"), HttpStatusCode.OK);
        Assert.Equal("InProgress", reopened.GetProperty("case").GetProperty("status").GetString());
        Assert.True(reopened.GetProperty("case").GetProperty("customerSaidUnsolved").GetBoolean());

        await JsonAsync(partner.PostAsJsonAsync($"/api/v1/partner/cases/{id}/resolve", new { resolution = "Nochmals getauscht" }), HttpStatusCode.OK);
        var refused = await ProblemOf(await partner.PostAsync($"/api/v1/partner/cases/{id}/close", null), HttpStatusCode.Conflict);
        Assert.Equal("case-unsolved-partner-close", refused.GetProperty("code").GetString());
        var closed = await JsonAsync(staff.PostAsync($"/api/v1/backoffice/feedback/cases/{id}/close", null), HttpStatusCode.OK);
        Assert.Equal("Closed", closed.GetProperty("case").GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_case_past_its_due_time_without_an_answer_is_escalated_once_and_the_owner_is_told()
    {
        await NoRulesAsync(await SignInAsync(Admin));
        var late = await CaseOfAsync(await AnswerAsync(CompanyB, nps: 4));
        var answeredInTime = await CaseOfAsync(await AnswerAsync(CompanyB, nps: 4));
        var service = await SignInAsync(Service);
        await JsonAsync(service.PostAsJsonAsync($"/api/v1/backoffice/feedback/cases/{answeredInTime.GetProperty("id").GetGuid()}/notes",
            new { text = "Wir kümmern uns.", visibleToCustomer = true }), HttpStatusCode.OK);
        var lateId = late.GetProperty("id").GetGuid();

        await EscalateAsync();
        Assert.False((await CaseOfAsync(late.GetProperty("responseId").GetGuid())).GetProperty("overdue").GetBoolean());
        Factory.Clock.SetUtcNow(late.GetProperty("responseDueAt").GetDateTimeOffset().AddMinutes(1));
        await Task.WhenAll(EscalateAsync(), EscalateAsync());
        await EscalateAsync();

        service = await SignInAsync(Service);
        var escalated = await CasesAsync(service, query: "&escalated=true");
        var entry = Assert.Single(escalated, c => c.GetProperty("id").GetGuid() == lateId);
        Assert.Equal("Admin", entry.GetProperty("escalatedTo").GetString());
        Assert.True(entry.GetProperty("overdue").GetBoolean());
        Assert.DoesNotContain(escalated, c => c.GetProperty("id").GetGuid() == answeredInTime.GetProperty("id").GetGuid());
        Assert.Single(await InScopeAsync(db => db.Outbox.AsNoTracking().Where(m => m.Type == "CaseEscalated" && m.AggregateId == lateId).ToListAsync()));
        var number = late.GetProperty("number").GetString()!;
        Assert.Single(await DeliveriesAsync("case.escalated", Admin), d => d.TextBody.Contains(number, StringComparison.Ordinal));
        Assert.Single(await DeliveriesAsync("case.escalation-told", Service), d => d.TextBody.Contains(number, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Staff_flag_a_comment_and_it_opens_one_case()
    {
        var responseId = await AnswerAsync(CompanyA, nps: 9, comment: "Der Fahrer war unfreundlich");
        Assert.Empty(await CasesOfAsync(responseId));
        var service = await SignInAsync(Service);

        var first = await JsonAsync(service.PostAsync($"/api/v1/backoffice/feedback/responses/{responseId}/flag", null), HttpStatusCode.OK);
        var second = await JsonAsync(service.PostAsync($"/api/v1/backoffice/feedback/responses/{responseId}/flag", null), HttpStatusCode.OK);

        Assert.Equal(first.GetProperty("case").GetProperty("id").GetGuid(), second.GetProperty("case").GetProperty("id").GetGuid());
        Assert.Equal("Flagged", (await CaseOfAsync(responseId)).GetProperty("origin").GetString());
    }

    private async Task EscalateAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CaseEscalation>().CheckAsync(CancellationToken.None);
    }
}

public sealed class CaseOnSqlite(SqliteFactory f) : CaseSpec(f), IClassFixture<SqliteFactory>;

public sealed class CaseOnPostgres(PostgresFactory f) : CaseSpec(f), IClassFixture<PostgresFactory>;
