using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Uhrwerk.Server.Modules.Accounts.Domain;

namespace Uhrwerk.Tests.Accounts;

/// <summary>Who may approve what, up to which limit and who stands in for whom are in the audit log, and it reads like the API.</summary>
public abstract class AuditTrailSpec(UhrwerkFactory factory) : IntegrationTest(factory)
{
    private static async Task<JsonElement> OkAsync(Task<HttpResponseMessage> call, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement;
    }

    /// <summary>The newest entry of an action about a subject, its before and after parsed.</summary>
    private static async Task<(JsonElement? Before, JsonElement? After)> EntryAsync(HttpClient mainContact, string action, string subject)
    {
        var log = await mainContact.GetFromJsonAsync<JsonElement>($"/api/v1/company/audit-log?action={action}&pageSize=100");
        var entry = log.GetProperty("items").EnumerateArray().FirstOrDefault(e => e.GetProperty("action").GetString() == action && e.GetProperty("subject").GetString() == subject);
        Assert.True(entry.ValueKind == JsonValueKind.Object, $"No audit entry {action} about {subject}: {log}");
        return (Parse(entry.GetProperty("before")), Parse(entry.GetProperty("after")));

        static JsonElement? Parse(JsonElement value) => value.ValueKind == JsonValueKind.String ? JsonDocument.Parse(value.GetString()!).RootElement : null;
    }

    [Fact]
    public async Task Approver_designations_limits_and_removals_appear_in_the_audit_log_with_before_and_after()
    {
        var mainContact = await SignInAsync(UserOf(CompanyA, PredefinedRole.Administrator));
        var approver = await ColleagueAsync(CompanyA, "Alma Audit", [PredefinedRole.Approver]);
        var buyer = await ColleagueAsync(CompanyA, "Bruno Audit", [PredefinedRole.Buyer]);

        await OkAsync(mainContact.PutAsJsonAsync($"/api/v1/company/approvers/{approver.Id}", new { limit = 500m, forBuyerId = buyer.Id }));
        await OkAsync(mainContact.PutAsJsonAsync($"/api/v1/company/approvers/{approver.Id}", new { limit = 800m }));
        await OkAsync(mainContact.DeleteAsync($"/api/v1/company/approvers/{approver.Id}"), HttpStatusCode.NoContent);

        var designated = await EntryAsync(mainContact, "approver.designated", "Alma Audit");
        Assert.Null(designated.Before);
        Assert.Equal(500m, designated.After!.Value.GetProperty("limit").GetDecimal());
        Assert.Equal("Bruno Audit", designated.After.Value.GetProperty("forBuyerName").GetString());
        var changed = await EntryAsync(mainContact, "approver.changed", "Alma Audit");
        Assert.Equal(500m, changed.Before!.Value.GetProperty("limit").GetDecimal());
        Assert.Equal(buyer.Id, changed.Before.Value.GetProperty("forBuyerId").GetGuid());
        Assert.Equal(800m, changed.After!.Value.GetProperty("limit").GetDecimal());
        Assert.Equal(JsonValueKind.Null, changed.After.Value.GetProperty("forBuyerId").ValueKind);
        var removed = await EntryAsync(mainContact, "approver.removed", "Alma Audit");
        Assert.Equal(800m, removed.Before!.Value.GetProperty("limit").GetDecimal());
        Assert.Null(removed.After);
    }

    [Fact]
    public async Task Removing_one_of_several_approvers_on_the_approvers_page_is_audited_too()
    {
        var mainContact = await SignInAsync(UserOf(CompanyA, PredefinedRole.Administrator));
        var kept = await ColleagueAsync(CompanyA, "Kurt Bleibt", [PredefinedRole.Approver]);
        var removed = await ColleagueAsync(CompanyA, "Rosa Geht", [PredefinedRole.Approver]);
        await OkAsync(mainContact.PutAsJsonAsync($"/api/v1/company/approvers/{kept.Id}", new { limit = 100m }));
        await OkAsync(mainContact.PutAsJsonAsync($"/api/v1/company/approvers/{removed.Id}", new { limit = 200m }));
        var portal = await SignInWithCookieAsync(UserOf(CompanyA, PredefinedRole.Administrator));
        var page = await portal.GetStringAsync("/company/approvers");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;

        var response = await portal.PostAsync("/company/approvers", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "remove", ["__RequestVerificationToken"] = token, ["RemoveUserId"] = removed.Id.ToString(),
        }));

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var entry = await EntryAsync(mainContact, "approver.removed", "Rosa Geht");
        Assert.Equal(200m, entry.Before!.Value.GetProperty("limit").GetDecimal());
        var approvers = await mainContact.GetFromJsonAsync<JsonElement>("/api/v1/company/approvers");
        Assert.Contains(approvers.EnumerateArray(), a => a.GetProperty("userId").GetGuid() == kept.Id);
        Assert.DoesNotContain(approvers.EnumerateArray(), a => a.GetProperty("userId").GetGuid() == removed.Id);
    }

    [Fact]
    public async Task Absences_and_their_deputies_appear_in_the_audit_log_with_before_and_after()
    {
        var mainContact = await SignInAsync(UserOf(CompanyA, PredefinedRole.Administrator));
        var absent = await ColleagueAsync(CompanyA, "Olga Abwesend", [PredefinedRole.Approver]);
        var deputy = await ColleagueAsync(CompanyA, "Victor Vertretung", [PredefinedRole.Approver]);
        var today = DateOnly.FromDateTime(Factory.Clock.GetUtcNow().UtcDateTime);

        var byMainContact = await OkAsync(mainContact.PostAsJsonAsync("/api/v1/company/absences", new { userId = absent.Id, from = today.AddDays(10), to = today.AddDays(12), deputyId = deputy.Id }), HttpStatusCode.Created);
        var own = await OkAsync(deputy.Client.PostAsJsonAsync("/api/v1/me/absences", new { from = today.AddDays(20), to = today.AddDays(21) }), HttpStatusCode.Created);
        await OkAsync(absent.Client.DeleteAsync($"/api/v1/company/absences/{byMainContact.GetProperty("id").GetGuid()}"), HttpStatusCode.NoContent);

        var recorded = await EntryAsync(mainContact, "absence.recorded", "Olga Abwesend");
        Assert.Null(recorded.Before);
        Assert.Equal(today.AddDays(10).ToString("yyyy-MM-dd"), recorded.After!.Value.GetProperty("from").GetString());
        Assert.Equal(today.AddDays(12).ToString("yyyy-MM-dd"), recorded.After.Value.GetProperty("to").GetString());
        Assert.Equal("Victor Vertretung", recorded.After.Value.GetProperty("deputyName").GetString());
        var ownRecorded = await EntryAsync(mainContact, "absence.recorded", "Victor Vertretung");
        Assert.Equal(own.GetProperty("id").GetGuid(), ownRecorded.After!.Value.GetProperty("id").GetGuid());
        var ended = await EntryAsync(mainContact, "absence.ended", "Olga Abwesend");
        Assert.Equal("Victor Vertretung", ended.Before!.Value.GetProperty("deputyName").GetString());
        Assert.Null(ended.After);
        var log = await mainContact.GetFromJsonAsync<JsonElement>("/api/v1/company/audit-log?action=absence");
        Assert.Contains(log.GetProperty("items").EnumerateArray(), e => e.GetProperty("actorName").GetString() == "Olga Abwesend");
    }

    [Fact]
    public async Task The_audit_log_names_periods_and_permissions_as_the_api_does_not_by_number()
    {
        var mainContact = await SignInAsync(UserOf(CompanyA, PredefinedRole.Administrator));
        var colleague = await ColleagueAsync(CompanyA, "Norbert Namen", [PredefinedRole.Buyer]);
        var roleName = "Berichte " + Guid.NewGuid().ToString("N")[..6];

        await OkAsync(mainContact.PutAsJsonAsync($"/api/v1/company/users/{colleague.Id}/budget", new { periodAmount = 1000m, period = "Quarter" }));
        await OkAsync(mainContact.PostAsJsonAsync("/api/v1/company/roles", new { name = roleName, permissions = new[] { "ViewCatalog", "ViewReports" } }), HttpStatusCode.Created);

        var budget = await EntryAsync(mainContact, "user.budget_changed", colleague.Email);
        Assert.Equal("Quarter", budget.After!.Value.GetProperty("budget").GetProperty("period").GetString());
        var role = await EntryAsync(mainContact, "role.created", roleName);
        Assert.Equal(["ViewCatalog", "ViewReports"], role.After!.Value.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));
    }
}

public sealed class AuditTrailOnSqlite(SqliteFactory f) : AuditTrailSpec(f), IClassFixture<SqliteFactory>;

public sealed class AuditTrailOnPostgres(PostgresFactory f) : AuditTrailSpec(f), IClassFixture<PostgresFactory>;
