using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Accounts.Domain;

namespace Uhrwerk.Tests.Accounts;

public abstract class ManagingUsersSpec(UhrwerkFactory factory) : IntegrationTest(factory)
{
    private Task<HttpClient> MainContactOf(Server.Modules.Accounts.DemoData.DemoLogins.DemoCompany company) =>
        SignInAsync(UserOf(company, PredefinedRole.Administrator));

    private async Task<JsonElement> CreateUserAsync(HttpClient mainContact, string email, PredefinedRole role)
    {
        var response = await mainContact.PostAsJsonAsync("/api/v1/company/users", new
        {
            displayName = "Nina Neu",
            email,
            language = "en",
            roleIds = new[] { await RoleIdAsync(mainContact, role) },
            budget = new { maxQuantityPerOrder = 50, maxOrderValue = 1000m },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Main_contact_creates_a_buyer_with_a_budget_who_is_invited_by_email()
    {
        var mainContact = await MainContactOf(CompanyA);

        var created = await CreateUserAsync(mainContact, "nina.neu@mueller-maschinenbau.example", PredefinedRole.Buyer);

        Assert.Equal("Buyer", created.GetProperty("roles")[0].GetProperty("name").GetString());
        Assert.Equal(50, created.GetProperty("budget").GetProperty("maxQuantityPerOrder").GetInt32());
        Assert.False(created.GetProperty("hasPassword").GetBoolean());
        var buyer = await AcceptInvitationAsync("nina.neu@mueller-maschinenbau.example");
        var me = await buyer.GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.Equal(await CompanyIdAsync(CompanyA), me.GetProperty("companyId").GetGuid());
        Assert.Contains("PlaceOrders", me.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));
        Assert.DoesNotContain("ManageUsers", me.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));
        var audit = await mainContact.GetFromJsonAsync<JsonElement>("/api/v1/company/audit-log?action=user.created");
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), e => e.GetProperty("subject").GetString() == "nina.neu@mueller-maschinenbau.example");
        Assert.True(await InScopeAsync(db => db.Outbox.AnyAsync(m => m.Type == "ContactChanged" && m.Payload.Contains("nina.neu@mueller-maschinenbau.example"))));
    }

    [Fact]
    public async Task A_user_whose_address_has_an_umlaut_sets_a_password_and_signs_in()
    {
        var mainContact = await MainContactOf(CompanyA);

        await CreateUserAsync(mainContact, "jürgen.käufer@mueller-maschinenbau.example", PredefinedRole.Buyer);

        var buyer = await AcceptInvitationAsync("jürgen.käufer@mueller-maschinenbau.example");
        Assert.Equal(HttpStatusCode.OK, (await buyer.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task A_deactivated_users_cookie_and_bearer_token_are_refused_at_once_and_work_again_after_reactivation()
    {
        var mainContact = await MainContactOf(CompanyA);
        var email = UserOf(CompanyA, PredefinedRole.Controller);
        var bearer = await SignInAsync(email);
        var cookie = await SignInWithCookieAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await cookie.GetAsync("/api/v1/me")).StatusCode);
        var userId = await UserIdAsync(email);

        var deactivated = await mainContact.PostAsync($"/api/v1/company/users/{userId}/deactivate", null);

        Assert.Equal(HttpStatusCode.OK, deactivated.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bearer.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await cookie.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { email, password = Server.Modules.Accounts.DemoData.DemoLogins.Password })).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await mainContact.PostAsync($"/api/v1/company/users/{userId}/reactivate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await SignInAsync(email)).GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task Main_contact_renames_changes_roles_and_budget_and_the_audit_log_keeps_before_and_after()
    {
        var mainContact = await MainContactOf(CompanyB);
        var email = UserOf(CompanyB, PredefinedRole.Technician);
        var userId = await UserIdAsync(email);

        Assert.Equal(HttpStatusCode.OK, (await mainContact.PutAsJsonAsync($"/api/v1/company/users/{userId}/name", new { displayName = "Theo Technik" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await mainContact.PutAsJsonAsync($"/api/v1/company/users/{userId}/roles", new { roleIds = new[] { await RoleIdAsync(mainContact, PredefinedRole.Buyer), await RoleIdAsync(mainContact, PredefinedRole.Technician) } })).StatusCode);
        var budget = await mainContact.PutAsJsonAsync($"/api/v1/company/users/{userId}/budget", new { maxQuantityPerOrder = 10, maxOrderValue = 500.50m, periodAmount = 2000m, period = "Quarter" });

        var user = await budget.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Theo Technik", user.GetProperty("displayName").GetString());
        Assert.Equal(["Buyer", "Technician"], user.GetProperty("roles").EnumerateArray().Select(r => r.GetProperty("name").GetString()!).Order());
        Assert.Equal("Quarter", user.GetProperty("budget").GetProperty("period").GetString());
        Assert.Contains("PlaceOrders", (await (await SignInAsync(email)).GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));
        var rename = (await mainContact.GetFromJsonAsync<JsonElement>("/api/v1/company/audit-log?action=user.renamed")).GetProperty("items")[0];
        Assert.Contains("Theo Technician", rename.GetProperty("before").GetString());
        Assert.Contains("Theo Technik", rename.GetProperty("after").GetString());
        Assert.Equal("Anna Administrator", rename.GetProperty("actorName").GetString());
    }

    [Fact]
    public async Task A_new_email_address_becomes_the_login_only_after_its_owner_confirms_it()
    {
        var mainContact = await MainContactOf(CompanyB);
        var email = UserOf(CompanyB, PredefinedRole.Controller);
        const string newEmail = "carla.c@schneider-antriebe.example";
        var userId = await UserIdAsync(email);

        var changed = await (await mainContact.PutAsJsonAsync($"/api/v1/company/users/{userId}/email", new { email = newEmail })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(newEmail, changed.GetProperty("pendingEmail").GetString());
        Assert.Equal(email, changed.GetProperty("email").GetString());
        Assert.Equal(HttpStatusCode.OK, (await Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { email, password = Server.Modules.Accounts.DemoData.DemoLogins.Password })).StatusCode);
        var link = QueryOf(await LinkSentToAsync(newEmail));
        Assert.Equal(HttpStatusCode.NoContent, (await Anonymous().PostAsJsonAsync("/api/v1/account/email-confirmation", new { userId = link["user"], email = link["email"], token = link["token"] })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { email = newEmail, password = Server.Modules.Accounts.DemoData.DemoLogins.Password })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { email, password = Server.Modules.Accounts.DemoData.DemoLogins.Password })).StatusCode);
    }

    [Fact]
    public async Task The_main_contact_cannot_be_deactivated_nor_change_their_own_roles()
    {
        var mainContact = await MainContactOf(CompanyA);
        var selfId = await UserIdAsync(UserOf(CompanyA, PredefinedRole.Administrator));

        await ProblemOf(await mainContact.PostAsync($"/api/v1/company/users/{selfId}/deactivate", null), HttpStatusCode.Conflict);
        await ProblemOf(await mainContact.PutAsJsonAsync($"/api/v1/company/users/{selfId}/roles", new { roleIds = new[] { await RoleIdAsync(mainContact, PredefinedRole.Buyer) } }), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Invalid_budgets_and_names_are_answered_with_field_errors()
    {
        var mainContact = await MainContactOf(CompanyA);
        var userId = await UserIdAsync(UserOf(CompanyA, PredefinedRole.Buyer));

        var budget = await ProblemOf(await mainContact.PutAsJsonAsync($"/api/v1/company/users/{userId}/budget", new { maxQuantityPerOrder = 0, maxOrderValue = -5m, periodAmount = 100m }), HttpStatusCode.BadRequest);
        var errors = budget.GetProperty("errors");
        Assert.True(errors.TryGetProperty("maxQuantityPerOrder", out _));
        Assert.True(errors.TryGetProperty("maxOrderValue", out _));
        Assert.True(errors.TryGetProperty("period", out _));
        var name = await ProblemOf(await mainContact.PutAsJsonAsync($"/api/v1/company/users/{userId}/name", new { displayName = "" }), HttpStatusCode.BadRequest);
        Assert.True(name.GetProperty("errors").TryGetProperty("displayName", out _), name.ToString());
    }

    [Fact]
    public async Task An_erp_known_contact_is_taken_over_as_a_user_in_one_step()
    {
        var mainContact = await MainContactOf(CompanyB);
        var contacts = await mainContact.GetFromJsonAsync<JsonElement>("/api/v1/company/erp-contacts");
        var contact = contacts.EnumerateArray().First();

        var response = await mainContact.PostAsync($"/api/v1/company/erp-contacts/{contact.GetProperty("id").GetGuid()}/take-over", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var email = contact.GetProperty("email").GetString()!;
        Assert.True(await InScopeAsync(db => db.Users.AnyAsync(u => u.Email == email)));
        Assert.DoesNotContain((await mainContact.GetFromJsonAsync<JsonElement>("/api/v1/company/erp-contacts")).EnumerateArray(), c => c.GetProperty("email").GetString() == email);
        await AcceptInvitationAsync(email);
    }

    [Fact]
    public async Task Main_contact_defines_a_custom_role_and_predefined_roles_stay_fixed()
    {
        var mainContact = await MainContactOf(CompanyA);

        var created = await mainContact.PostAsJsonAsync("/api/v1/company/roles", new { name = "Lager-Einkauf", permissions = new[] { "ViewCatalog", "PlaceOrders" } });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var roleId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await ProblemOf(await mainContact.PostAsJsonAsync("/api/v1/company/roles", new { name = "Staff", permissions = new[] { "ManageCompanies" } }), HttpStatusCode.BadRequest);
        await ProblemOf(await mainContact.PutAsJsonAsync($"/api/v1/company/roles/{await RoleIdAsync(mainContact, PredefinedRole.Buyer)}", new { name = "Buyer", permissions = new[] { "ManageUsers" } }), HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.NoContent, (await mainContact.DeleteAsync($"/api/v1/company/roles/{roleId}")).StatusCode);
    }
}

public sealed class ManagingUsersOnSqlite(SqliteFactory f) : ManagingUsersSpec(f), IClassFixture<SqliteFactory>;

public sealed class ManagingUsersOnPostgres(PostgresFactory f) : ManagingUsersSpec(f), IClassFixture<PostgresFactory>;
